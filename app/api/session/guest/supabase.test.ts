import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { POST as requestCode } from "@/app/api/auth/email/route";
import { POST as verifyCode } from "@/app/api/auth/email/verify/route";
import { GET as getMe } from "@/app/api/me/route";
import { FakeGoTrue, PUBLISHABLE_KEY, SECRET_KEY } from "@/scripts/test-support/gotrue";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import { type Siteverify, startSiteverify } from "@/scripts/test-support/siteverify";
import { POST as startGuest } from "./route";

/**
 * Supabase mode with Turnstile on, over the real handlers: Supabase Auth (the stand-in, over
 * HTTP) is asked with the secret key and the visitor's address (Sb-Forwarded-For) to make guests
 * and send and check codes, so its per-address limits count the visitor. With the secret key it
 * skips its own captcha check, so our server checks the Turnstile token itself first.
 */

const TURNSTILE_SECRET = "0x4AAAAAAA-stand-in-secret";
const gotrue = new FakeGoTrue();
let server: { url: string; close(): Promise<void> };
let siteverify: Siteverify;
let route: RouteDb;
const answers: string[] = [];

beforeAll(async () => {
  server = await gotrue.listen();
  siteverify = await startSiteverify(TURNSTILE_SECRET);
  route = await openRouteDatabase();
  vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", server.url);
  vi.stubEnv("NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", PUBLISHABLE_KEY);
  vi.stubEnv("SUPABASE_SECRET_KEY", SECRET_KEY);
  vi.stubEnv("SESSION_SECRET", "a-session-secret-of-at-least-32-characters");
  vi.stubEnv("TURNSTILE_SITE_KEY", "0x4AAAAAAA-stand-in-site");
  vi.stubEnv("TURNSTILE_SECRET_KEY", TURNSTILE_SECRET);
  vi.stubEnv("TURNSTILE_VERIFY_URL", siteverify.url);
  gotrue.onUser = async (user) => {
    await route.db.query(
      `insert into auth.users (id, email, is_anonymous) values ($1, $2, $3)
       on conflict (id) do update set email = excluded.email, is_anonymous = excluded.is_anonymous`,
      [user.id, user.email, user.is_anonymous],
    );
  };
});
afterAll(async () => {
  await route.close();
  await siteverify.close();
  await server.close();
});

async function call(browser: TestBrowser, ...args: Parameters<TestBrowser["call"]>): Promise<Response> {
  const response = await browser.call(...args);
  answers.push(
    [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n"),
    await response.clone().text(),
  );
  return response;
}

const asked = (path: string) => gotrue.requests.filter((r) => r.method !== "GET" && r.path === path);

describe("supabase mode: Supabase Auth counts the visitor, and Turnstile is ours", () => {
  test("a new guest: Turnstile checked with the visitor's address, then /signup with the secret key and Sb-Forwarded-For", async () => {
    const browser = new TestBrowser(undefined, "198.51.100.41");
    const token = siteverify.issue();
    const response = await call(browser, startGuest, "/api/session/guest", { json: { captchaToken: token } });
    expect(response.status).toBe(201);
    expect(siteverify.calls.at(-1)?.form).toMatchObject({ response: token, remoteip: "198.51.100.41" });
    const signup = asked("/signup").at(-1);
    expect(signup?.headers.get("apikey")).toBe(SECRET_KEY);
    expect(signup?.headers.get("sb-forwarded-for")).toBe("198.51.100.41");
    expect(signup?.address).toBe("198.51.100.41");
    // The token is spent: it is not passed on.
    expect(signup?.body.gotrue_meta_security).not.toHaveProperty("captcha_token");
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
      json: { email, code: gotrue.codeFor(email) },
    });
    expect(verify.status).toBe(200);
    for (const path of ["/user", "/verify"]) {
      const request = asked(path).at(-1);
      expect(request?.headers.get("apikey"), path).toBe(SECRET_KEY);
      expect(request?.headers.get("sb-forwarded-for"), path).toBe("198.51.100.42");
    }

    gotrue.requests = [];
    expect((await call(browser, getMe, "/api/me")).status).toBe(200);
    expect(gotrue.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /user"]);
    expect(gotrue.requests[0]?.headers.get("apikey")).toBe(PUBLISHABLE_KEY);
    expect(gotrue.requests[0]?.headers.has("sb-forwarded-for")).toBe(false);
  });

  test("nothing a browser was sent carries the secret key", () => {
    expect(answers.length).toBeGreaterThan(0);
    for (const answer of answers) expect(answer).not.toContain(SECRET_KEY);
  });
});
