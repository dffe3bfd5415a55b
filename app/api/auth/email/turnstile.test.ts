import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { GET as readOutbox } from "@/app/api/dev/outbox/route";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import { type Siteverify, startSiteverify } from "@/scripts/test-support/stand-ins/siteverify";
import { POST as requestCode } from "./route";
import { POST as verifyCode } from "./verify/route";

/**
 * Sign-in code requests with Cloudflare Turnstile on (embedded mode, codes in the local outbox;
 * siteverify is a stand-in speaking its wire format).
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

const uniqueEmail = () => `person-${randomUUID().slice(0, 8)}@example.com`;

/** A code request from the browser's own connection address. */
function ask(browser: TestBrowser, body: Record<string, unknown>) {
  return browser.call(requestCode, "/api/auth/email", { json: body });
}

async function mails(email: string): Promise<{ code: string }[]> {
  const response = await new TestBrowser().call(
    readOutbox,
    `/api/dev/outbox?email=${encodeURIComponent(email)}`,
  );
  return (await response.json()).messages;
}

describe("POST /api/auth/email with Turnstile on", () => {
  test("without a token or with a refused one: 400 captcha_failed and no mail", async () => {
    const email = uniqueEmail();
    for (const body of [{ email }, { email, captchaToken: "XXXX.DUMMY.TOKEN.XXXX" }]) {
      const response = await ask(new TestBrowser(), body);
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatchObject({ code: "captcha_failed", field: "captchaToken" });
    }
    expect(await mails(email)).toEqual([]);
    expect(siteverify.calls.filter((c) => c.form.response === "XXXX.DUMMY.TOKEN.XXXX")).toHaveLength(1);
  });

  test("a good token: 202 and the code is sent; siteverify saw the client's address; the code signs in", async () => {
    const email = uniqueEmail();
    const browser = new TestBrowser(undefined, "198.51.100.8");
    const token = siteverify.issue();
    const response = await ask(browser, { email, captchaToken: token });
    expect(response.status).toBe(202);
    expect(siteverify.calls.at(-1)?.form).toEqual({
      secret: SECRET,
      response: token,
      remoteip: "198.51.100.8",
    });
    const [mail] = await mails(email);
    expect(mail?.code).toMatch(/^\d{6}$/);
    // Checking the code needs no new token.
    const signedIn = await browser.call(verifyCode, "/api/auth/email/verify", {
      json: { email, code: mail?.code },
    });
    expect(signedIn.status).toBe(200);
  });

  test("a resend needs a fresh token: the spent one is refused", async () => {
    const email = uniqueEmail();
    const browser = new TestBrowser();
    const token = siteverify.issue();
    expect((await ask(browser, { email, captchaToken: token })).status).toBe(202);
    const again = await ask(browser, { email, captchaToken: token });
    expect(again.status).toBe(400);
    expect((await again.json()).error.code).toBe("captcha_failed");
    expect(await mails(email)).toHaveLength(1);
    expect((await ask(browser, { email, captchaToken: siteverify.issue() })).status).toBe(202);
    expect(await mails(email)).toHaveLength(2);
  });

  test("siteverify unreachable: 503 service_unavailable and no mail", async () => {
    const email = uniqueEmail();
    siteverify.behaviour = "down";
    const response = await ask(new TestBrowser(), { email, captchaToken: siteverify.issue() });
    siteverify.behaviour = "ok";
    expect(response.status).toBe(503);
    expect((await response.json()).error.code).toBe("service_unavailable");
    expect(await mails(email)).toEqual([]);
  });
});
