import { randomUUID } from "node:crypto";
import { decodeJwt, SignJWT } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { POST as requestCode } from "@/app/api/auth/email/route";
import { POST as verifyCode } from "@/app/api/auth/email/verify/route";
import { GET as readOutbox } from "@/app/api/dev/outbox/route";
import { DELETE as deleteAccount, GET as getMe } from "@/app/api/me/route";
import { POST as startGuest } from "@/app/api/session/guest/route";
import { signingKey } from "@/lib/server/secrets";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import { POST as signOut } from "./route";

/**
 * Sign-out ends the session on the server (embedded mode's local sessions): a copy of the old
 * cookie is no session any more, and "everywhere" ends every device of the person.
 */

let route: RouteDb;

beforeAll(async () => {
  route = await openRouteDatabase();
});
afterAll(() => route.close());
afterEach(() => {
  vi.useRealTimers();
});

const uniqueEmail = () => `session-${randomUUID().slice(0, 8)}@example.com`;

type Visitor = { browser: TestBrowser; headers: Record<string, string> };

function visitor(): Visitor {
  return { browser: new TestBrowser(), headers: { "x-forwarded-for": `203.0.113.7-${randomUUID()}` } };
}

/** Another browser holding a copy of this one's cookies (a stolen or kept cookie). */
function copyOf(v: Visitor): Visitor {
  const copy = visitor();
  for (const [name, value] of v.browser.cookies) copy.browser.cookies.set(name, value);
  return copy;
}

async function becomeGuest(v: Visitor): Promise<string> {
  const response = await v.browser.call(startGuest, "/api/session/guest", { json: {}, headers: v.headers });
  expect(response.status).toBe(201);
  return (await response.json()).user.id;
}

async function signIn(v: Visitor, email: string): Promise<string> {
  const ask = await v.browser.call(requestCode, "/api/auth/email", { json: { email }, headers: v.headers });
  expect(ask.status).toBe(202);
  const outbox = await new TestBrowser().call(readOutbox, `/api/dev/outbox?email=${email}`);
  const code = (await outbox.json()).messages[0].code;
  const response = await v.browser.call(verifyCode, "/api/auth/email/verify", {
    json: { email, code },
    headers: v.headers,
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()).user.id;
}

async function meStatus(v: Visitor): Promise<number> {
  return (await v.browser.call(getMe, "/api/me", { headers: v.headers })).status;
}

function signOutOf(
  v: Visitor,
  init: { json?: unknown; body?: string; headers?: Record<string, string> } = {},
) {
  return v.browser.call(signOut, "/api/auth/sign-out", {
    method: "POST",
    ...init,
    headers: { ...v.headers, ...init.headers },
  });
}

const sessionIdOf = (v: Visitor) =>
  decodeJwt(decodeURIComponent(v.browser.cookies.get("rendio_session") ?? "")).session_id;

async function sessionRows(userId: string) {
  return (
    await route.db.query<{ id: string; revoked: boolean }>(
      "select id, revoked_at is not null as revoked from auth.local_sessions where user_id = $1 order by created_at",
      [userId],
    )
  ).rows;
}

describe("POST /api/auth/sign-out ends the session on the server", () => {
  test("the old cookie no longer reads /api/me after sign-out (401)", async () => {
    const v = visitor();
    await becomeGuest(v);
    const userId = await signIn(v, uniqueEmail());
    const kept = copyOf(v);
    expect(await meStatus(kept)).toBe(200);

    expect((await signOutOf(v, { json: {} })).status).toBe(204);
    expect(await meStatus(kept)).toBe(401);
    // The guest's session (replaced at sign-in) and the account's: both ended.
    expect(await sessionRows(userId)).toEqual([
      { id: expect.any(String), revoked: true },
      { id: expect.any(String), revoked: true },
    ]);
  });

  test("a guest's sign-out ends the guest's session too", async () => {
    const v = visitor();
    await becomeGuest(v);
    const kept = copyOf(v);
    expect((await signOutOf(v)).status).toBe(204);
    expect(await meStatus(kept)).toBe(401);
  });

  test("signing out one device leaves the person's other device signed in", async () => {
    const email = uniqueEmail();
    const phone = visitor();
    const laptop = visitor();
    const userId = await signIn(phone, email);
    expect(await signIn(laptop, email)).toBe(userId);
    expect(sessionIdOf(phone)).not.toBe(sessionIdOf(laptop));
    const phoneCopy = copyOf(phone);

    expect((await signOutOf(phone, { json: { scope: "device" } })).status).toBe(204);
    expect(await meStatus(phoneCopy)).toBe(401);
    expect(await meStatus(laptop)).toBe(200);
  });

  test('{ "scope": "everywhere" } ends every session of the person, this one included', async () => {
    const email = uniqueEmail();
    const phone = visitor();
    const laptop = visitor();
    const userId = await signIn(phone, email);
    await signIn(laptop, email);
    const phoneCopy = copyOf(phone);
    const stranger = visitor();
    await signIn(stranger, uniqueEmail());

    expect((await signOutOf(phone, { json: { scope: "everywhere" } })).status).toBe(204);
    expect(await meStatus(phoneCopy)).toBe(401);
    expect(await meStatus(laptop)).toBe(401);
    expect(await meStatus(stranger)).toBe(200);
    expect((await sessionRows(userId)).every((row) => row.revoked)).toBe(true);

    // Signing in again starts a new session.
    expect(await signIn(phone, email)).toBe(userId);
    expect(await meStatus(phone)).toBe(200);
  });

  test("a revoked cookie cannot sign anyone out everywhere", async () => {
    const email = uniqueEmail();
    const phone = visitor();
    const laptop = visitor();
    await signIn(phone, email);
    await signIn(laptop, email);
    const phoneCopy = copyOf(phone);
    expect((await signOutOf(phone)).status).toBe(204);

    expect((await signOutOf(phoneCopy, { json: { scope: "everywhere" } })).status).toBe(204);
    expect(await meStatus(laptop)).toBe(200);
  });

  test("a renewed cookie keeps its session id, keeps working, and sign-out revokes it", async () => {
    const v = visitor();
    const userId = await signIn(v, uniqueEmail());
    const before = visitor();
    for (const [name, value] of v.browser.cookies) before.browser.cookies.set(name, value);
    const sessionId = sessionIdOf(v);

    // 24 days on, less than 7 of the 30 are left: the next request renews the cookie.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 24 * 24 * 3600 * 1000 });
    const response = await v.browser.call(getMe, "/api/me", { headers: v.headers });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().join()).toMatch(/rendio_session=/);
    vi.useRealTimers();

    expect(sessionIdOf(v)).toBe(sessionId);
    expect(v.browser.cookies.get("rendio_session")).not.toBe(before.browser.cookies.get("rendio_session"));
    expect(await meStatus(v)).toBe(200);
    const renewed = await route.db.query<{ renewed: boolean }>(
      "select renewed_at > created_at as renewed from auth.local_sessions where id = $1",
      [sessionId],
    );
    expect(renewed.rows).toEqual([{ renewed: true }]);

    const renewedCopy = copyOf(v);
    expect((await signOutOf(v)).status).toBe(204);
    expect(await meStatus(renewedCopy)).toBe(401);
    expect(await meStatus(before)).toBe(401);
    expect(await sessionRows(userId)).toHaveLength(1);
  });

  test("a cookie from before server-side sessions (no session_id) is no session", async () => {
    const v = visitor();
    const userId = await signIn(v, uniqueEmail());
    const now = Math.floor(Date.now() / 1000);
    const legacy = await new SignJWT({ role: "authenticated", is_anonymous: false, email: null })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(userId)
      .setIssuer("rendio-local")
      .setAudience("authenticated")
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(await signingKey("session"));
    const old = visitor();
    old.browser.cookies.set("rendio_session", legacy);
    expect(await meStatus(old)).toBe(401);
    expect(await meStatus(v)).toBe(200);
  });

  test.each([
    ["an unknown scope", { json: { scope: "all" } }],
    ["an extra field", { json: { scope: "everywhere", userId: randomUUID() } }],
    ["not an object", { json: "everywhere" }],
    ["not JSON", { body: "{scope", headers: { "content-type": "application/json" } }],
    ["not declared as JSON", { body: "scope=everywhere", headers: { "content-type": "text/plain" } }],
  ])("a bad body (%s) is 400 and revokes nothing", async (_why, init) => {
    const v = visitor();
    const userId = await signIn(v, uniqueEmail());
    const response = await signOutOf(v, init);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: "validation_failed" });
    expect(response.headers.getSetCookie().join()).not.toMatch(/rendio_session=/);
    expect(await meStatus(v)).toBe(200);
    expect(await sessionRows(userId)).toEqual([{ id: expect.any(String), revoked: false }]);
  });

  test("another origin cannot sign you out everywhere", async () => {
    const v = visitor();
    await signIn(v, uniqueEmail());
    const response = await signOutOf(v, {
      json: { scope: "everywhere" },
      headers: { origin: "https://evil.example" },
    });
    expect(response.status).toBe(403);
    expect(await meStatus(v)).toBe(200);
  });
});

describe("other ways a session ends", () => {
  test("a guest merged into an existing account loses its sessions: its old cookie cannot come back as that guest", async () => {
    const email = uniqueEmail();
    const owner = visitor();
    const accountId = await signIn(owner, email);

    const v = visitor();
    const guestId = await becomeGuest(v);
    const guestCopy = copyOf(v);
    expect(await signIn(v, email)).toBe(accountId);

    expect(await meStatus(guestCopy)).toBe(401);
    const again = await guestCopy.browser.call(startGuest, "/api/session/guest", {
      json: {},
      headers: guestCopy.headers,
    });
    expect((await again.json()).user.id).not.toBe(guestId);
    expect((await sessionRows(guestId)).every((row) => row.revoked)).toBe(true);
    expect(await meStatus(owner)).toBe(200);
  });

  test("deleting the account ends its sessions on every device and removes their rows", async () => {
    const email = uniqueEmail();
    const phone = visitor();
    const laptop = visitor();
    const userId = await signIn(phone, email);
    await signIn(laptop, email);
    const response = await phone.browser.call(deleteAccount, "/api/me", {
      method: "DELETE",
      headers: phone.headers,
    });
    expect(response.status).toBe(204);
    expect(await meStatus(laptop)).toBe(401);
    expect(await sessionRows(userId)).toEqual([]);
  });
});
