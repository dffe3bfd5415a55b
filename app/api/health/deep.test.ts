import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { deepHealthResponseSchema } from "@/lib/contracts/operations";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";

/**
 * `GET /api/health?deep=1` over the real database, media directory and ffmpeg: 200 with each
 * part's result, or 503 naming the part that is really broken (answers checked against the
 * OpenAPI document by TestBrowser).
 */

let route: RouteDb;
beforeAll(async () => {
  route = await openRouteDatabase();
});
afterAll(async () => {
  await route?.close();
});

async function deepHealth(env: Record<string, string> = {}) {
  vi.resetModules();
  const base = { DATA_DIR: route.dataDir, DATABASE_URL: "" };
  for (const [name, value] of Object.entries({ ...base, ...env })) vi.stubEnv(name, value);
  const { GET } = await import("./route");
  const response = await new TestBrowser().call(GET, "/api/health?deep=1");
  expect(response.headers.get("x-request-id")).toBeTruthy();
  expect(response.headers.get("cache-control")).toBe("no-store");
  return { status: response.status, body: deepHealthResponseSchema.parse(await response.json()) };
}

test("all parts well: 200 with each check's result", async () => {
  const { status, body } = await deepHealth();
  expect(status).toBe(200);
  expect(body).toMatchObject({
    ok: true,
    mode: "embedded",
    provider: "local",
    failed: [],
    checks: { database: { ok: true }, storage: { ok: true }, provider: { ok: true } },
  });
});

test("a storage directory that cannot be one: 503 naming storage, the rest still well", async () => {
  const notADirectory = path.join(route.dataDir, "plain-file");
  writeFileSync(notADirectory, "not a directory");
  // The database stays the one opened above; media would live under a file.
  const { status, body } = await deepHealth({ DATA_DIR: notADirectory });
  expect(status).toBe(503);
  expect(body.failed).toEqual(["storage"]);
  expect(body.checks.storage).toMatchObject({ ok: false, error: "failed" });
  expect(body.checks.database.ok).toBe(true);
  expect(JSON.stringify(body)).not.toContain(notADirectory);
});

test("a database that does not answer: 503 naming the database", async () => {
  const holder = globalThis as { __rendioRpc?: unknown };
  const opened = holder.__rendioRpc;
  holder.__rendioRpc = undefined;
  try {
    const { status, body } = await deepHealth({ DATABASE_URL: "postgres://nobody@127.0.0.1:1/nothing" });
    expect(status).toBe(503);
    expect(body.failed).toEqual(["database"]);
    expect(body.checks.storage.ok).toBe(true);
    expect(JSON.stringify(body)).not.toContain("nobody");
  } finally {
    holder.__rendioRpc = opened;
  }
});

test("without deep=1 health stays the database's one cheap check", async () => {
  vi.resetModules();
  vi.stubEnv("DATABASE_URL", "");
  const { GET } = await import("./route");
  const response = await new TestBrowser().call(GET, "/api/health");
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ ok: true, mode: "embedded", version: expect.any(String) });
});
