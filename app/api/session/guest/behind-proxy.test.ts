import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import { POST as startGuest } from "./route";

/**
 * Behind one reverse proxy (TRUST_PROXY=1) that reaches the app at http://127.0.0.1:3000: its
 * X-Forwarded-* headers count, and the address it appended keys the limits.
 */

let route: RouteDb;
beforeAll(async () => {
  vi.stubEnv("TRUST_PROXY", "1");
  route = await openRouteDatabase();
});
afterAll(() => route.close());

const proxy = "10.0.0.2";
const viaProxy = (headers: Record<string, string>) =>
  new TestBrowser("http://127.0.0.1:3000", proxy).call(startGuest, "/api/session/guest", {
    json: {},
    headers: {
      origin: "https://rendio.example",
      "x-forwarded-host": "rendio.example",
      "x-forwarded-proto": "https",
      ...headers,
    },
  });

describe("POST /api/session/guest behind a proxy", () => {
  test("the public origin is the proxy's X-Forwarded-Host and -Proto; the cookie is Secure", async () => {
    const response = await viaProxy({ "x-forwarded-for": "203.0.113.1" });
    expect(response.status).toBe(201);
    expect(response.headers.getSetCookie().join()).toMatch(/Secure/);
    expect((await viaProxy({ origin: "http://rendio.example" })).status).toBe(403);
  });

  test("the address the proxy appended keys the limit, not what the client wrote before it", async () => {
    const from = (i: number) => ({ "x-forwarded-for": `198.18.0.${i}, 203.0.113.50` });
    for (let i = 0; i < 50; i++) expect((await viaProxy(from(i))).status).toBe(201);
    expect((await viaProxy(from(50))).status).toBe(429);
    expect((await viaProxy({ "x-forwarded-for": "198.18.0.1, 203.0.114.50" })).status).toBe(201);
  });
});
