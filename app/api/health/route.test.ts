import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, expect, test, vi } from "vitest";
import type { Rpc } from "@/lib/server/db";

// The real route over a real database, configured through the environment as in production.
const dataDir = mkdtempSync(path.join(tmpdir(), "rendio-health-"));
const holder = globalThis as { __rendioRpc?: Promise<Rpc> };

async function routeWith(env: Record<string, string>) {
  vi.resetModules();
  const base = { DATA_DIR: dataDir, DATABASE_URL: "", NEXT_PUBLIC_SUPABASE_URL: "" };
  for (const [name, value] of Object.entries({ ...base, ...env })) vi.stubEnv(name, value);
  return (await import("./route")).GET;
}

afterEach(async () => {
  const rpc = await holder.__rendioRpc?.catch(() => undefined);
  holder.__rendioRpc = undefined;
  await rpc?.close();
  vi.unstubAllEnvs();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test("GET /api/health answers ok with the mode and version (embedded database)", async () => {
  const GET = await routeWith({});
  const response = await GET(new Request("http://localhost:3000/api/health"));
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(await response.json()).toEqual({
    ok: true,
    mode: "embedded",
    version: expect.stringMatching(/^\d+\.\d+\.\d+/),
  });
  // The first read migrates a new embedded database: ~6 s alone, several times that beside the
  // suite's other database work on two cores.
}, 120_000);

test("an unreachable database answers 503 service_unavailable, not 500", async () => {
  const GET = await routeWith({ DATABASE_URL: "postgres://nobody@127.0.0.1:1/nothing" });
  const response = await GET(new Request("http://localhost:3000/api/health"));
  expect(response.status).toBe(503);
  expect((await response.json()).error.code).toBe("service_unavailable");
});
