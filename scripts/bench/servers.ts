// Starting and stopping the servers the benchmarks measure, each in its own process group.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import path from "node:path";

export { freePort } from "../test-support/free-port";

export type Server = { base: string; stop: () => void };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    await sleep(500);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Runs `node args…` with its output in `log`, and waits until `ready` (a path) answers 200.
 * `stop` ends the whole process group (Next starts workers of its own).
 */
export async function startNode(options: {
  args: string[];
  cwd?: string;
  port: number;
  ready: string;
  log: string;
  env?: Record<string, string>;
}): Promise<Server> {
  mkdirSync(path.dirname(options.log), { recursive: true });
  const out = openSync(options.log, "w");
  const child: ChildProcess = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    detached: true,
    stdio: ["ignore", out, out],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...options.env },
  });
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  const base = `http://127.0.0.1:${options.port}`;
  const stop = () => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ok = await fetch(`${base}${options.ready}`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    if (exited || Date.now() > deadline) {
      stop();
      throw new Error(`the server at ${base} did not start; see ${options.log}`);
    }
    await sleep(500);
  }
  return { base, stop };
}
