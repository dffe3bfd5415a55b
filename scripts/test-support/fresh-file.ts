import { afterAll, vi } from "vitest";

/**
 * Test files share their worker process (`isolate: false` in vitest.config.ts: a new process per
 * file, re-importing Next.js and recompiling PGlite's WebAssembly each time, cost more than most
 * tests). Run before each file, this starts it as it would start in a process of its own: the
 * app's modules evaluated afresh (their caches, e.g. the config, empty), no stubbed environment
 * or globals, none of the process-wide holders the app keeps on globalThis, and no interval a
 * previous file started still running (a server's background sweeper would otherwise go on
 * sweeping the next file's database).
 */

type Interval = ReturnType<typeof setInterval>;
const intervalsKey = Symbol.for("vitest.fresh-file.intervals");
const scope = globalThis as unknown as Record<string | symbol, unknown>;

vi.resetModules();
vi.unstubAllEnvs();
vi.unstubAllGlobals();
for (const key of Reflect.ownKeys(scope)) {
  const name = typeof key === "symbol" ? key.description : key;
  if (name?.startsWith("__rendio") || name?.startsWith("rendio.")) delete scope[key];
}

// Installed once per worker: every interval started from here on is remembered.
if (!scope[intervalsKey]) {
  const intervals = new Set<Interval>();
  scope[intervalsKey] = intervals;
  const original = globalThis.setInterval;
  globalThis.setInterval = ((...args: Parameters<typeof setInterval>) => {
    const interval = original(...args);
    intervals.add(interval);
    return interval;
  }) as typeof setInterval;
}

afterAll(() => {
  const intervals = scope[intervalsKey] as Set<Interval>;
  for (const interval of intervals) clearInterval(interval);
  intervals.clear();
});
