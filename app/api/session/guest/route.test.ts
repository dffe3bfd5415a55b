import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as getMe } from "@/app/api/me/route";
import { openRouteDatabase, type RouteDb, randomAddress, TestBrowser } from "@/scripts/test-support/routes";
import { POST as startGuest } from "./route";

let route: RouteDb;
beforeAll(async () => {
  route = await openRouteDatabase();
});
afterAll(() => route.close());

/** A new visitor connecting from `address` asks to be a guest. */
const guestFrom = (address: string, headers: Record<string, string> = {}) =>
  new TestBrowser(undefined, address).call(startGuest, "/api/session/guest", { json: {}, headers });

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

  test.each([
    ["another scheme", "https://localhost:3000"],
    ["another port", "http://localhost:3001"],
    ["an opaque origin", "null"],
  ])("%s in Origin is refused", async (_, origin) => {
    const response = await guestFrom(randomAddress(), { origin });
    expect(response.status).toBe(403);
  });

  test("X-Forwarded-Host and X-Forwarded-Proto are the client's words without TRUST_PROXY", async () => {
    const spoofed = {
      origin: "https://evil.example",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
    };
    const response = await guestFrom(randomAddress(), spoofed);
    expect(response.status).toBe(403);
    const plain = await guestFrom(randomAddress(), { "x-forwarded-proto": "https" });
    expect(plain.status).toBe(201);
    expect(plain.headers.getSetCookie().join()).not.toMatch(/Secure/);
  });

  test("at most 50 new guests per address per hour, whatever X-Forwarded-For says; then 429", async () => {
    // One client rotating a forged X-Forwarded-For (the 200 guests in 2.9 s).
    const forged = (i: number) => ({ "x-forwarded-for": `198.18.${i}.${i + 1}` });
    for (let i = 0; i < 50; i++) {
      const ok = await guestFrom("203.0.113.7", forged(i));
      expect(ok.status).toBe(201);
    }
    const before = await countAuthUsers();
    const refused = await guestFrom("203.0.113.7", forged(50));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await countAuthUsers()).toBe(before);
  });

  test("addresses of one /24 share 200 new guests an hour; another /24 does not", async () => {
    for (let i = 1; i <= 200; i++) expect((await guestFrom(`192.0.2.${i}`)).status).toBe(201);
    expect((await guestFrom("192.0.2.201")).status).toBe(429);
    expect((await guestFrom("192.0.3.201")).status).toBe(201);
  });

  test("IPv6 addresses of one /64 are one network, whatever their spelling", async () => {
    const network = "2001:db8:77:1";
    for (let i = 1; i <= 200; i++) {
      const address = i % 2 ? `${network}::${i.toString(16)}` : `[${network}:0:0:0:${i.toString(16)}]:443`;
      expect((await guestFrom(address)).status).toBe(201);
    }
    expect((await guestFrom(`${network}:ffff::1`)).status).toBe(429);
    expect((await guestFrom("2001:db8:77:2::1")).status).toBe(201);
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

  test("with a session: the user as docs/api.md's Me", async () => {
    const browser = new TestBrowser();
    const { user } = await (await browser.call(startGuest, "/api/session/guest", { json: {} })).json();
    const response = await browser.call(getMe, "/api/me");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(user);
  });
});
