import { Writable } from "node:stream";

export type LogLine = Record<string, unknown> & { level: string; msg: string };

/**
 * The server's log as route tests read it: the real logger (lib/server/log/logger.ts) at info,
 * writing its JSON lines into `lines`. Import the logger from the same module graph as the routes
 * under test (after any vi.resetModules).
 */
export async function captureLogs(): Promise<{ lines: LogLine[]; stop(): void }> {
  const { createLogger, setLogger } = await import("../../lib/server/log/logger");
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  setLogger(createLogger("info", stream));
  return { lines, stop: () => setLogger(undefined) };
}
