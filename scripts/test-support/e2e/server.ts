import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { freePort } from "../free-port";
import { copyMigratedDatabase } from "./pglite-data-dir";

export { freePort };

/**
 * A server of the built app of its own, for specs that need its process (memory figures) or its
 * defaults (TRUST_PROXY=none): started as `npm start` starts it (scripts/serve.mjs), on a free
 * port with a fresh DATA_DIR (in embedded mode holding a copy of the migrated template,
 * scripts/test-support/e2e/pglite-data-dir.ts). The one place a spec starts a server.
 */
export type OwnServer = { url: string; pid: number; dataDir: string; stop(): Promise<void> };

/** `env` may depend on the server's own URL (e.g. APP_URL, where a provider's webhooks come back). */
export async function startOwnServer(
  name: string,
  env: Record<string, string> | ((url: string) => Record<string, string>) = {},
): Promise<OwnServer> {
  const dataDir = path.resolve(".test-data", `own-server-${name}-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const extra = typeof env === "function" ? env(url) : env;
  const serverEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    NEXT_PUBLIC_SUPABASE_URL: "",
    ...extra,
  };
  // Embedded mode: start from the migrated template instead of running initdb and every migration.
  if (!serverEnv.DATABASE_URL && !serverEnv.NEXT_PUBLIC_SUPABASE_URL) await copyMigratedDatabase(dataDir);
  const child = spawn(
    process.execPath,
    [path.resolve("scripts/serve.mjs"), "-p", String(port), "-H", "127.0.0.1"],
    { stdio: ["ignore", "ignore", "inherit"], env: serverEnv },
  );
  await waitUntilHealthy(url, child);
  return {
    url,
    pid: child.pid as number,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resident memory of the process and its children, in bytes (Linux /proc). */
export function residentBytes(pid: number): number {
  let total = 0;
  for (const id of [pid, ...descendants(pid)]) {
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${id}/status`, "utf8"))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      // The process ended between listing and reading.
    }
  }
  return total;
}

function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

async function waitUntilHealthy(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`scripts/serve.mjs exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill("SIGTERM");
  throw new Error(`scripts/serve.mjs did not answer on ${url} within 120 s`);
}
