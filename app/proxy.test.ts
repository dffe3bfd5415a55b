import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { parseCookieHeader } from "@/lib/server/auth/cookies";
import type { CookieJar } from "@/lib/server/auth/index";
import { FakeGoTrue, PUBLISHABLE_KEY, SECRET_KEY } from "@/scripts/test-support/gotrue";
import { socketStamp } from "@/scripts/test-support/routes";

/**
 * proxy.ts in supabase mode, against the Supabase Auth stand-in over HTTP: a page request whose
 * access token has expired has it renewed once, before the page renders, and both the page (the
 * forwarded request) and the browser (Set-Cookie) get the new tokens, next to the page's CSP.
 */

const ADDRESS = "198.51.100.77";
const gotrue = new FakeGoTrue();
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  server = await gotrue.listen();
  vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", server.url);
  vi.stubEnv("NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", PUBLISHABLE_KEY);
  vi.stubEnv("SUPABASE_SECRET_KEY", SECRET_KEY);
  vi.stubEnv("SESSION_SECRET", "a-session-secret-of-at-least-32-characters");
  vi.stubEnv("DATABASE_URL", "");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await server.close();
});

function memoryJar(cookies = new Map<string, string>()): CookieJar {
  return {
    secure: false,
    getAll: () => [...cookies].map(([name, value]) => ({ name, value })),
    setAll: (list) => {
      for (const c of list) {
        if (c.options?.maxAge === 0) cookies.delete(c.name);
        else cookies.set(c.name, c.value);
      }
    },
  };
}

const cookieHeader = (jar: CookieJar) =>
  jar
    .getAll()
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join("; ");

describe("proxy.ts renews the session of a page request (supabase mode)", () => {
  test("an expired access token: one renewal, new cookies for the browser and for the page, CSP kept", async () => {
    const { NextRequest } = await import("next/server");
    const { proxy } = await import("@/proxy");
    const { supabaseSessions } = await import("@/lib/server/auth/supabase");

    gotrue.accessTokenSeconds = -60;
    const browser = memoryJar();
    const guest = await supabaseSessions.createGuest(browser, { address: ADDRESS });
    gotrue.accessTokenSeconds = 3600;
    const sent = cookieHeader(browser);
    gotrue.requests = [];

    const request = new NextRequest("http://localhost:3000/history", {
      headers: { cookie: sent, ...socketStamp(ADDRESS, "http") },
    });
    const response = (await proxy(request)) as Response;

    const renewals = gotrue.requests.filter((r) => r.path === "/token");
    expect(renewals.map((r) => r.search)).toEqual(["?grant_type=refresh_token"]);
    expect(renewals[0]?.headers.get("sb-forwarded-for")).toBe(ADDRESS);

    const setCookies = response.headers.getSetCookie();
    expect(setCookies.some((line) => /^sb-[^=]+-auth-token(\.\d+)?=/.test(line))).toBe(true);
    for (const line of setCookies) expect(line).toMatch(/HttpOnly/);
    expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-/);
    expect(response.headers.get("x-middleware-request-x-nonce")).toBeTruthy();

    // The page renders with the request's cookies as the proxy left them.
    const forwarded = response.headers.get("x-middleware-request-cookie") ?? "";
    expect(forwarded).not.toBe(sent);
    const page = memoryJar(new Map(parseCookieHeader(forwarded).map((c) => [c.name, c.value])));
    gotrue.requests = [];
    expect(await supabaseSessions.read(page)).toMatchObject({ userId: guest.userId, isAnonymous: true });
    expect(gotrue.requests.filter((r) => r.path === "/token")).toEqual([]);

    // Nothing the browser gets carries the secret key.
    const answer = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
    expect(answer).not.toContain(SECRET_KEY);
  });

  test("a live session is not renewed and no cookie is written", async () => {
    const { NextRequest } = await import("next/server");
    const { proxy } = await import("@/proxy");
    const { supabaseSessions } = await import("@/lib/server/auth/supabase");
    const browser = memoryJar();
    await supabaseSessions.createGuest(browser, { address: ADDRESS });
    gotrue.requests = [];
    const request = new NextRequest("http://localhost:3000/", {
      headers: { cookie: cookieHeader(browser), ...socketStamp(ADDRESS, "http") },
    });
    const response = (await proxy(request)) as Response;
    expect(gotrue.requests.filter((r) => r.path === "/token")).toEqual([]);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(response.headers.get("content-security-policy")).toBeTruthy();
  });
});
