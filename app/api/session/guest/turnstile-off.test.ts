import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { POST as requestCode } from "@/app/api/auth/email/route";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import { type Siteverify, startSiteverify } from "@/scripts/test-support/stand-ins/siteverify";
import { POST as startGuest } from "./route";

/** Turnstile off (no keys): a token sent anyway is ignored and siteverify is never asked. */

let route: RouteDb;
let siteverify: Siteverify;

beforeAll(async () => {
  siteverify = await startSiteverify("unused");
  route = await openRouteDatabase();
  vi.stubEnv("TURNSTILE_SITE_KEY", "");
  vi.stubEnv("TURNSTILE_SECRET_KEY", "");
  vi.stubEnv("TURNSTILE_VERIFY_URL", siteverify.url);
});
afterAll(async () => {
  await route.close();
  await siteverify.close();
});

test("guests and sign-in codes need no token, and one sent anyway goes nowhere", async () => {
  const browser = new TestBrowser();
  const guest = await browser.call(startGuest, "/api/session/guest", { json: { captchaToken: "stray" } });
  expect(guest.status).toBe(201);
  expect((await browser.call(startGuest, "/api/session/guest", { method: "POST" })).status).toBe(200);
  const code = await browser.call(requestCode, "/api/auth/email", {
    json: { email: "off@example.com", captchaToken: "stray" },
  });
  expect(code.status).toBe(202);
  expect((await new TestBrowser().call(startGuest, "/api/session/guest", { method: "POST" })).status).toBe(
    201,
  );
  expect(siteverify.calls).toEqual([]);
});
