import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import { POST as startGuest } from "./route";

/** APP_URL names the public origin; the request's own host and forwarded headers do not count. */

let route: RouteDb;
beforeAll(async () => {
  vi.stubEnv("APP_URL", "https://rendio.example");
  route = await openRouteDatabase();
});
afterAll(() => route.close());

const guest = (origin: string, headers: Record<string, string> = {}) =>
  new TestBrowser("http://127.0.0.1:3000").call(startGuest, "/api/session/guest", {
    json: {},
    headers: { origin, ...headers },
  });

describe("POST /api/session/guest with APP_URL", () => {
  test("Origin must be APP_URL's scheme, host and port; the cookie follows its scheme", async () => {
    const ok = await guest("https://rendio.example");
    expect(ok.status).toBe(201);
    expect(ok.headers.getSetCookie().join()).toMatch(/Secure/);
    expect((await guest("https://rendio.example:443")).status).toBe(201);
    expect((await guest("http://127.0.0.1:3000")).status).toBe(403);
    expect((await guest("http://rendio.example")).status).toBe(403);
    expect((await guest("https://rendio.example:8443")).status).toBe(403);
    expect((await guest("https://evil.example", { "x-forwarded-host": "evil.example" })).status).toBe(403);
  });
});
