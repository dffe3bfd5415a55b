// Starts the built app for Playwright (and the WebKit check) on a fresh embedded database: the data
// directory is wiped first. E2E_DATA_DIR, not DATA_DIR, names it, so a developer's own DATA_DIR is
// never the one wiped.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? ".test-data/e2e");
rmSync(dataDir, { recursive: true, force: true });
const port = process.env.E2E_PORT ?? "3100";

// GENERATIONS_PER_MINUTE=30: a spec may start several jobs for one user within a minute.
// The specs read sign-in codes from the local outbox, which production (next start) only has
// when asked for: the server warns about it at start, as it should.
// TRUST_PROXY=1 plays one proxy in front: specs give each test its own client address in
// X-Forwarded-For, so the per-address and per-network limits of one run never meet.
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  DATABASE_URL: "",
  NEXT_PUBLIC_SUPABASE_URL: "",
  GENERATIONS_PER_MINUTE: "30",
  DEV_OUTBOX: "true",
  SMTP_URL: "",
  MAIL_FROM: "",
  TRUST_PROXY: "1",
};
// People with finished videos, for the specs that need one and not its render
// (scripts/test-support/e2e/seed.ts, scripts/test-support/e2e/seeded.ts). `server-only` resolves to an empty
// module (scripts/test-support/server-only-hooks.mjs).
const seed = spawnSync(
  process.execPath,
  [
    "--import",
    "tsx",
    "--import",
    "./scripts/test-support/server-only-hooks.mjs",
    "scripts/test-support/e2e/seed.ts",
  ],
  { stdio: "inherit", env },
);
if (seed.status !== 0) process.exit(seed.status ?? 1);
const server = spawn("node", ["scripts/serve.mjs", "-p", port, "-H", "127.0.0.1"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
