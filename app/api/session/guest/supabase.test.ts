import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { POST as requestCode } from "@/app/api/auth/email/route";
import { POST as verifyCode } from "@/app/api/auth/email/verify/route";
import { GET as getMe } from "@/app/api/me/route";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import { type Siteverify, startSiteverify } from "@/scripts/test-support/stand-ins/siteverify";
import { type SupabaseStandIn, startSupabaseStandIn } from "@/scripts/test-support/stand-ins/supabase";
import { POST as startGuest } from "./route";

/**
 * Supabase mode with Turnstile on, over the real handlers: Supabase Auth (the Supabase stand-in
 * over HTTP, scripts/test-support/stand-ins/supabase, with its own CAPTCHA on too) is asked with the secret key and the visitor's address (Sb-Forwarded-For) to make guests
 * and send and check codes, so its per-address limits count the visitor. With the secret key it
 * skips its own captcha check, so our server checks the Turnstile token itself first.
 */

const TURNSTILE_SECRET = "0x4AAAAAAA-stand-in-secret";
let standIn: SupabaseStandIn;
let siteverify: Siteverify;
let route: RouteDb;
const answers: string[] = [];

beforeAll(async () => {
  siteverify = await startSiteverify(TURNSTILE_SECRET);
  route = await openRouteDatabase();
  // A token only Supabase's own CAPTCHA would accept: our calls never carry it.
  standIn = await startSupabaseStandIn({ pglite: route.db, captchaToken: "supabase-captcha-only" });
  for (const [name, value] of Object.entries(standIn.appSettings)) vi.stubEnv(name, value);
  vi.stubEnv("TURNSTILE_SITE_KEY", "0x4AAAAAAA-stand-in-site");
  vi.stubEnv("TURNSTILE_SECRET_KEY", TURNSTILE_SECRET);
  vi.stubEnv("TURNSTILE_VERIFY_URL", siteverify.url);
});
afterAll(async () => {
  await standIn.close();
  await route.close();
  await siteverify.close();
});

async function call(browser: TestBrowser, ...args: Parameters<TestBrowser["call"]>): Promise<Response> {
  const response = await browser.call(...args);
  answers.push(
    [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n"),
    await response.clone().text(),
  );
  return response;
}

const asked = (path: string) =>
  standIn.calls.filter((c) => c.method !== "GET" && c.path === `/auth/v1${path}`);
const bodyOf = (call: { body: string } | undefined) => JSON.parse(call?.body || "{}");

describe("supabase mode: Supabase Auth counts the visitor, and Turnstile is ours", () => {
  test("a new guest: Turnstile checked with the visitor's address, then /signup with the secret key and Sb-Forwarded-For", async () => {
    const browser = new TestBrowser(undefined, "198.51.100.41");
    const token = siteverify.issue();
    const response = await call(browser, startGuest, "/api/session/guest", { json: { captchaToken: token } });
    expect(response.status).toBe(201);
    expect(siteverify.calls.at(-1)?.form).toMatchObject({ response: token, remoteip: "198.51.100.41" });
    const signup = asked("/signup").at(-1);
    expect(signup?.headers.apikey).toBe(standIn.secretKey);
    expect(signup?.headers["sb-forwarded-for"]).toBe("198.51.100.41");
    expect(signup?.clientAddress).toBe("198.51.100.41");
    expect(signup?.status).toBe(200);
    // The token is spent: it is not passed on.
    expect(bodyOf(signup).gotrue_meta_security ?? {}).not.toHaveProperty("captcha_token");
  });

  test("a refused or missing token is captcha_failed and Supabase Auth is never asked", async () => {
    const before = asked("/signup").length;
    for (const body of [{ captchaToken: "XXXX.DUMMY.TOKEN.XXXX" }, {}]) {
      const response = await call(new TestBrowser(), startGuest, "/api/session/guest", { json: body });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatchObject({ code: "captcha_failed", field: "captchaToken" });
    }
    expect(asked("/signup")).toHaveLength(before);
  });

  test("a guest's sign-in code: sent and checked on the visitor's behalf; reading the session forwards nothing", async () => {
    const browser = new TestBrowser(undefined, "198.51.100.42");
    const guest = await call(browser, startGuest, "/api/session/guest", {
      json: { captchaToken: siteverify.issue() },
    });
    expect(guest.status).toBe(201);
    const email = `ada-${Date.now()}@example.com`;
    const ask = await call(browser, requestCode, "/api/auth/email", {
      json: { email, captchaToken: siteverify.issue() },
    });
    expect(ask.status).toBe(202);
    const verify = await call(browser, verifyCode, "/api/auth/email/verify", {
      json: { email, code: standIn.lastCode(email) },
    });
    expect(verify.status).toBe(200);
    for (const path of ["/user", "/verify"]) {
      const request = asked(path).at(-1);
      expect(request?.headers.apikey, path).toBe(standIn.secretKey);
      expect(request?.headers["sb-forwarded-for"], path).toBe("198.51.100.42");
    }

    const before = standIn.calls.length;
    expect((await call(browser, getMe, "/api/me")).status).toBe(200);
    // The session's token is checked against the project's published keys (JWKS): at most a
    // key fetch, made with the publishable key and forwarding nothing.
    const reads = standIn.calls.slice(before);
    expect(reads.map((c) => `${c.method} ${c.path}`)).toEqual(
      reads.map(() => "GET /auth/v1/.well-known/jwks.json"),
    );
    for (const read of reads) {
      expect(read.headers.apikey).toBe(standIn.publishableKey);
      expect(read.headers).not.toHaveProperty("sb-forwarded-for");
    }
  });

  test("nothing a browser was sent carries the secret key", () => {
    expect(answers.length).toBeGreaterThan(0);
    for (const answer of answers) expect(answer).not.toContain(standIn.secretKey);
  });
});
