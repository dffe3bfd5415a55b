import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import { type Siteverify, startSiteverify } from "@/scripts/test-support/stand-ins/siteverify";
import { POST as startGuest } from "./route";

/**
 * New guests with Cloudflare Turnstile on (embedded mode: the server checks the token at
 * siteverify, here a stand-in speaking its wire format). The config is read once per process, so
 * the environment is set before the first request.
 */

const SECRET = "0x4AAAAAAA-stand-in-secret";
let route: RouteDb;
let siteverify: Siteverify;

beforeAll(async () => {
  siteverify = await startSiteverify(SECRET);
  route = await openRouteDatabase();
  vi.stubEnv("TURNSTILE_SITE_KEY", "0x4AAAAAAA-stand-in-site");
  vi.stubEnv("TURNSTILE_SECRET_KEY", SECRET);
  vi.stubEnv("TURNSTILE_VERIFY_URL", siteverify.url);
});
afterAll(async () => {
  await route.close();
  await siteverify.close();
});

const counts = async () => {
  const { rows } = await route.db.query<{ users: number; grants: number }>(
    "select (select count(*)::int from auth.users) as users, (select count(*)::int from public.credit_ledger) as grants",
  );
  return rows[0];
};

describe("POST /api/session/guest with Turnstile on", () => {
  test("without a token: 400 captcha_failed on captchaToken, nobody is made and siteverify is not asked", async () => {
    const before = await counts();
    const calls = siteverify.calls.length;
    for (const init of [{ json: {} }, { method: "POST" }]) {
      const response = await new TestBrowser().call(startGuest, "/api/session/guest", init);
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatchObject({ code: "captcha_failed", field: "captchaToken" });
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect(await counts()).toEqual(before);
    expect(siteverify.calls.length).toBe(calls);
  });

  test("a token siteverify refuses: 400 captcha_failed, nobody is made", async () => {
    const before = await counts();
    const response = await new TestBrowser(undefined, "203.0.113.21").call(startGuest, "/api/session/guest", {
      json: { captchaToken: "XXXX.DUMMY.TOKEN.XXXX" },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: "captcha_failed", field: "captchaToken" });
    expect(await counts()).toEqual(before);
    expect(siteverify.calls.at(-1)?.form.response).toBe("XXXX.DUMMY.TOKEN.XXXX");
  });

  test("a good token: 201 and a guest; siteverify got secret, response and remoteip, form-encoded", async () => {
    const before = await counts();
    const token = siteverify.issue();
    const browser = new TestBrowser(undefined, "203.0.113.22");
    const response = await browser.call(startGuest, "/api/session/guest", { json: { captchaToken: token } });
    expect(response.status).toBe(201);
    expect((await response.json()).user).toMatchObject({ isGuest: true, credits: 10 });
    expect(await counts()).toEqual({ users: (before?.users ?? 0) + 1, grants: (before?.grants ?? 0) + 1 });
    const call = siteverify.calls.at(-1);
    expect(call?.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(call?.form).toEqual({ secret: SECRET, response: token, remoteip: "203.0.113.22" });

    // The visitor now has a session: starting again needs no token and grants nothing.
    const again = await browser.call(startGuest, "/api/session/guest", { json: {} });
    expect(again.status).toBe(200);
    expect(await counts()).toEqual({ users: (before?.users ?? 0) + 1, grants: (before?.grants ?? 0) + 1 });
  });

  test("a token is good once: the same token again is refused", async () => {
    const token = siteverify.issue();
    const first = await new TestBrowser().call(startGuest, "/api/session/guest", {
      json: { captchaToken: token },
    });
    expect(first.status).toBe(201);
    const second = await new TestBrowser().call(startGuest, "/api/session/guest", {
      json: { captchaToken: token },
    });
    expect(second.status).toBe(400);
    expect((await second.json()).error.code).toBe("captcha_failed");
  });

  test("a token longer than Turnstile's 2048 characters is validation_failed, without asking siteverify", async () => {
    const calls = siteverify.calls.length;
    const response = await new TestBrowser().call(startGuest, "/api/session/guest", {
      json: { captchaToken: "a".repeat(2049) },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: "validation_failed", field: "captchaToken" });
    expect(siteverify.calls.length).toBe(calls);
  });

  test("siteverify dropping the connection or answering an error page: 503, nobody is made", async () => {
    const before = await counts();
    for (const behaviour of ["down", "broken"] as const) {
      siteverify.behaviour = behaviour;
      const response = await new TestBrowser().call(startGuest, "/api/session/guest", {
        json: { captchaToken: siteverify.issue() },
      });
      expect(response.status).toBe(503);
      expect((await response.json()).error.code).toBe("service_unavailable");
    }
    siteverify.behaviour = "ok";
    expect(await counts()).toEqual(before);
  });

  test("siteverify too slow: 503 after the 5 s timeout, not a hang", async () => {
    const before = await counts();
    siteverify.behaviour = "slow";
    siteverify.delayMs = 20_000;
    const started = performance.now();
    const response = await new TestBrowser().call(startGuest, "/api/session/guest", {
      json: { captchaToken: siteverify.issue() },
    });
    const elapsed = performance.now() - started;
    siteverify.behaviour = "ok";
    expect(response.status).toBe(503);
    expect(elapsed).toBeGreaterThanOrEqual(4900);
    expect(elapsed).toBeLessThan(8000);
    expect(await counts()).toEqual(before);
  });
});
