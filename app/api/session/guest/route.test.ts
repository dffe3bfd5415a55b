import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as getMe } from "@/app/api/me/route";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import { POST as startGuest } from "./route";

let route: RouteDb;
beforeAll(async () => {
  route = await openRouteDatabase();
});
afterAll(() => route.close());

const countAuthUsers = async () =>
  (await route.db.query<{ n: number }>("select count(*)::int as n from auth.users")).rows[0]?.n;

describe("POST /api/session/guest", () => {
  test("a new visitor becomes a guest with 10 credits in their language, and a session cookie", async () => {
    const browser = new TestBrowser();
    const response = await browser.call(startGuest, "/api/session/guest", {
      json: {},
      headers: { "accept-language": "tr-TR,tr;q=0.9" },
    });
    expect(response.status).toBe(201);
    const { user } = await response.json();
    expect(user).toMatchObject({ isGuest: true, credits: 10, language: "tr", email: null });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("rendio_session="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain http here; https requests get Secure
  });

  test("a visitor who already has a session keeps the same user and gets no second grant", async () => {
    const browser = new TestBrowser();
    const first = await (await browser.call(startGuest, "/api/session/guest", { json: {} })).json();
    const again = await browser.call(startGuest, "/api/session/guest", { json: {} });
    expect(again.status).toBe(200);
    expect((await again.json()).user).toEqual(first.user);
    const grants = await route.db.query("select 1 from public.credit_ledger where user_id = $1", [
      first.user.id,
    ]);
    expect(grants.rows).toHaveLength(1);
  });

  test("the cookie is Secure behind https", async () => {
    const browser = new TestBrowser("https://rendio.example");
    const response = await browser.call(startGuest, "/api/session/guest", { json: {} });
    expect(response.headers.getSetCookie().join()).toMatch(/Secure/);
  });

  test("another origin is refused and nobody is created", async () => {
    const before = await countAuthUsers();
    const response = await new TestBrowser().call(startGuest, "/api/session/guest", {
      json: {},
      headers: { origin: "https://evil.example" },
    });
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
    expect(await countAuthUsers()).toBe(before);
  });

  test("at most 50 new guests per address per hour, then 429 with Retry-After", async () => {
    const from = { "x-forwarded-for": "203.0.113.7" };
    for (let i = 0; i < 50; i++) {
      const ok = await new TestBrowser().call(startGuest, "/api/session/guest", { json: {}, headers: from });
      expect(ok.status).toBe(201);
    }
    const before = await countAuthUsers();
    const refused = await new TestBrowser().call(startGuest, "/api/session/guest", {
      json: {},
      headers: from,
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await countAuthUsers()).toBe(before);
  });
});

describe("GET /api/me", () => {
  test("without a session: 401", async () => {
    const response = await new TestBrowser().call(getMe, "/api/me");
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthorized");
  });

  test("a forged or tampered session cookie is no session", async () => {
    const browser = new TestBrowser();
    await browser.call(startGuest, "/api/session/guest", { json: {} });
    const token = decodeURIComponent(browser.cookies.get("rendio_session") ?? "");
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: crypto.randomUUID() })).toString("base64url");
    browser.cookies.set("rendio_session", `${header}.${forged}.${signature}`);
    expect((await browser.call(getMe, "/api/me")).status).toBe(401);
  });

  test("with a session: the user as api.md's Me", async () => {
    const browser = new TestBrowser();
    const { user } = await (await browser.call(startGuest, "/api/session/guest", { json: {} })).json();
    const response = await browser.call(getMe, "/api/me");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(user);
  });
});
