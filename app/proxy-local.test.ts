import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { POST as startGuest } from "@/app/api/session/guest/route";
import { SESSION_COOKIE } from "@/lib/server/auth/local";
import { openRouteDatabase, type RouteDb, socketStamp, TestBrowser } from "@/scripts/test-support/routes";

/**
 * proxy.ts in embedded mode: the same session port renews a local session close to its expiry
 * before the page renders, so pages too keep an active person signed in.
 */

let route: RouteDb;
beforeAll(async () => {
  route = await openRouteDatabase();
});
afterAll(async () => {
  vi.useRealTimers();
  await route.close();
});

describe("proxy.ts renews a local session close to expiry", () => {
  test("24 days on, a page request gets a new session cookie, for the browser and for the page", async () => {
    const { NextRequest } = await import("next/server");
    const { proxy } = await import("@/proxy");
    const browser = new TestBrowser();
    expect((await browser.call(startGuest, "/api/session/guest", { json: {} })).status).toBe(201);
    const sent = browser.cookies.get(SESSION_COOKIE) as string;

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 24 * 24 * 3600 * 1000);
    const request = new NextRequest("http://localhost:3000/history", {
      headers: { cookie: `${SESSION_COOKIE}=${sent}`, ...socketStamp(browser.address, "http") },
    });
    const response = (await proxy(request)) as Response;
    vi.useRealTimers();

    const renewed = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(renewed).toMatch(/HttpOnly/);
    const forwarded = response.headers.get("x-middleware-request-cookie") ?? "";
    expect(forwarded).toContain(`${SESSION_COOKIE}=`);
    expect(forwarded).not.toContain(sent);
    expect(response.headers.get("content-security-policy")).toBeTruthy();
  });
});
