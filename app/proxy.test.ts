import type { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { parseCookieHeader } from "@/lib/server/auth/cookies";
import type { CookieJar } from "@/lib/server/auth/index";
import { socketStamp } from "@/scripts/test-support/routes";
import { type SupabaseStandIn, startSupabaseStandIn } from "@/scripts/test-support/stand-ins/supabase";
import { migratedPglite } from "@/scripts/test-support/stand-ins/supabase/pglite";

/**
 * proxy.ts in supabase mode, against the Supabase stand-in over HTTP (scripts/test-support/stand-ins/supabase): a page request whose
 * access token has expired has it renewed once, before the page renders, and both the page (the
 * forwarded request) and the browser (Set-Cookie) get the new tokens, next to the page's CSP.
 */

const ADDRESS = "198.51.100.77";
let pglite: PGlite;
let standIn: SupabaseStandIn;

beforeAll(async () => {
  pglite = await migratedPglite();
  standIn = await startSupabaseStandIn({ pglite });
  for (const [name, value] of Object.entries(standIn.appSettings)) vi.stubEnv(name, value);
  vi.stubEnv("DATABASE_URL", "");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await standIn.close();
  await pglite.close();
});

/** Token renewals GoTrue received since `from` (an index into the stand-in's calls). */
const renewalsSince = (from: number) =>
  standIn.calls.slice(from).filter((c) => c.method === "POST" && c.path === "/auth/v1/token");

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

    standIn.authConfig.jwt_exp = -60;
    const browser = memoryJar();
    const guest = await supabaseSessions.createGuest(browser, { address: ADDRESS }).finally(() => {
      standIn.authConfig.jwt_exp = 3600;
    });
    const sent = cookieHeader(browser);
    const before = standIn.calls.length;

    const request = new NextRequest("http://localhost:3000/history", {
      headers: { cookie: sent, ...socketStamp(ADDRESS, "http") },
    });
    const response = (await proxy(request)) as Response;

    const renewals = renewalsSince(before);
    expect(renewals.map((r) => r.query)).toEqual([{ grant_type: "refresh_token" }]);
    expect(renewals[0]?.headers["sb-forwarded-for"]).toBe(ADDRESS);
    expect(renewals[0]?.clientAddress).toBe(ADDRESS);

    const setCookies = response.headers.getSetCookie();
    expect(setCookies.some((line) => /^sb-[^=]+-auth-token(\.\d+)?=/.test(line))).toBe(true);
    for (const line of setCookies) expect(line).toMatch(/HttpOnly/);
    expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-/);
    expect(response.headers.get("x-middleware-request-x-nonce")).toBeTruthy();

    // The page renders with the request's cookies as the proxy left them.
    const forwarded = response.headers.get("x-middleware-request-cookie") ?? "";
    expect(forwarded).not.toBe(sent);
    const page = memoryJar(new Map(parseCookieHeader(forwarded).map((c) => [c.name, c.value])));
    const rendered = standIn.calls.length;
    expect(await supabaseSessions.read(page)).toMatchObject({ userId: guest.userId, isAnonymous: true });
    expect(renewalsSince(rendered)).toEqual([]);

    // Nothing the browser gets carries the secret key.
    const answer = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
    expect(answer).not.toContain(standIn.secretKey);
  });

  test("a live session is not renewed and no cookie is written", async () => {
    const { NextRequest } = await import("next/server");
    const { proxy } = await import("@/proxy");
    const { supabaseSessions } = await import("@/lib/server/auth/supabase");
    const browser = memoryJar();
    await supabaseSessions.createGuest(browser, { address: ADDRESS });
    const before = standIn.calls.length;
    const request = new NextRequest("http://localhost:3000/", {
      headers: { cookie: cookieHeader(browser), ...socketStamp(ADDRESS, "http") },
    });
    const response = (await proxy(request)) as Response;
    expect(renewalsSince(before)).toEqual([]);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(response.headers.get("content-security-policy")).toBeTruthy();
  });

  test("the service worker gets its policy with the project from the running config, no session work", async () => {
    const { NextRequest } = await import("next/server");
    const { proxy } = await import("@/proxy");
    const before = standIn.calls.length;
    const response = (await proxy(new NextRequest("http://localhost:3000/sw.js"))) as Response;
    expect(response.headers.get("content-security-policy")).toBe(
      `default-src 'self'; script-src 'self'; connect-src 'self' ${new URL(standIn.url).origin}`,
    );
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(standIn.calls.slice(before)).toEqual([]);
  });
});
