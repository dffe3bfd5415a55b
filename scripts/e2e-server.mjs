// Starts the built app for Playwright (and the WebKit check) on a fresh embedded database: the data
// directory is wiped first. E2E_DATA_DIR, not DATA_DIR, names it, so a developer's own DATA_DIR is
// never the one wiped.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? ".test-data/e2e");
rmSync(dataDir, { recursive: true, force: true });
const port = process.env.E2E_PORT ?? "3100";
const server = spawn("node", ["scripts/serve.mjs", "-p", port, "-H", "127.0.0.1"], {
  stdio: "inherit",
  // History specs need more than 20 jobs for one user; e2e/support/limits.ts names this figure.
  // The specs read sign-in codes from the local outbox, which production (next start) only has
  // when asked for: the server warns about it at start, as it should.
  // TRUST_PROXY=1 plays one proxy in front: specs give each test its own client address in
  // X-Forwarded-For, so the per-address and per-network limits of one run never meet.
  env: {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    NEXT_PUBLIC_SUPABASE_URL: "",
    GENERATIONS_PER_MINUTE: "30",
    DEV_OUTBOX: "true",
    SMTP_URL: "",
    MAIL_FROM: "",
    TRUST_PROXY: "1",
  },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
