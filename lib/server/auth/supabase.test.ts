import type { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import {
  type RecordedCall,
  type SupabaseStandIn,
  startSupabaseStandIn,
} from "../../../scripts/test-support/stand-ins/supabase";
import { migratedPglite } from "../../../scripts/test-support/stand-ins/supabase/pglite";
import { isAppError } from "../../errors";
import type { CookieJar } from "./cookies";
import type { SessionPort } from "./session";

/**
 * The Supabase session adapter through the real @supabase/ssr and supabase-js, over HTTP to the
 * Supabase stand-in (scripts/test-support/stand-ins/supabase; its users are rows of auth.users in PGlite).
 * A test double for Supabase's hosted HTTP API only.
 */

/** The person's address, as lib/server/client-address.ts found it. */
const ADDRESS = "198.51.100.23";
const caller = { address: ADDRESS };
const CALLBACK = "http://app.test/api/auth/callback";

let pglite: PGlite;
let standIn: SupabaseStandIn;
let port: SessionPort;

beforeAll(async () => {
  pglite = await migratedPglite();
  standIn = await startSupabaseStandIn({ pglite, siteUrl: "http://app.test" });
  for (const [name, value] of Object.entries(standIn.appSettings)) vi.stubEnv(name, value);
  vi.stubEnv("DATABASE_URL", "");
  vi.stubEnv("AUTH_APPLE_ENABLED", "true");
  ({ supabaseSessions: port } = await import("./supabase"));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await standIn.close();
  await pglite.close();
});

function memoryJar(): CookieJar {
  const cookies = new Map<string, string>();
  return {
    secure: false,
    getAll: () => [...cookies].map(([name, value]) => ({ name, value })),
    setAll: (list) => {
      for (const c of list) {
        if (c.options?.maxAge === 0 || c.value === "") cookies.delete(c.name);
        else cookies.set(c.name, c.value);
      }
    },
  };
}

let emails = 0;
/** An address no earlier test used (the stand-in's users outlive a test). */
const newEmail = (name: string) => `${name}-${++emails}@example.com`;

/** A fresh jar, and the Auth calls made from now on ("POST /otp", path without /auth/v1). */
function setup() {
  const from = standIn.calls.length;
  const calls = () =>
    standIn.calls
      .slice(from)
      .filter((c) => c.service === "auth")
      .map((c) => ({ ...c, route: `${c.method} ${c.path.replace(/^\/auth\/v1/, "")}` }));
  return { jar: memoryJar(), calls };
}
type AuthCall = RecordedCall & { route: string };
const bodyOf = (call: AuthCall | undefined) => JSON.parse(call?.body || "{}");
const withQuery = (call: AuthCall) => `${call.route}?${new URLSearchParams(call.query)}`;
const mailTypes = (email: string) => standIn.mailbox.filter((m) => m.to === email).map((m) => m.type);
const codeFor = (email: string) => standIn.lastCode(email) as string;

/** A user with a confirmed email made outside Auth (SQL), as an existing account. */
async function existingAccount(email: string): Promise<string> {
  const { rows } = await pglite.query<{ id: string }>(
    "insert into auth.users (id, email, is_anonymous) values (gen_random_uuid(), $1, false) returning id",
    [email],
  );
  return (rows[0] as { id: string }).id;
}

describe("Supabase sessions: sign-in by email code", () => {
  test("a guest links a new email to its own anonymous user: updateUser, then an email_change code", async () => {
    const { calls, jar } = setup();
    const email = newEmail("ada");
    const guest = await port.createGuest(jar, caller);
    await port.requestEmailCode(jar, email, { locale: "tr", address: ADDRESS });
    expect(calls().map((c) => c.route)).toContain("PUT /user");
    // The code's email speaks the person's language (supabase/templates reads .Data.language).
    expect(bodyOf(calls().find((c) => c.route === "PUT /user"))).toMatchObject({ data: { language: "tr" } });
    expect(mailTypes(email)).toEqual(["email_change"]);

    const session = await port.verifyEmailCode(jar, email, codeFor(email), caller);
    expect(session).toMatchObject({ userId: guest.userId, isAnonymous: false, email });
    expect(bodyOf(calls().findLast((c) => c.route === "POST /verify"))).toMatchObject({
      type: "email_change",
    });
    expect(await port.read(jar)).toMatchObject({ userId: guest.userId, isAnonymous: false });
  });

  test("a guest whose email already has an account gets a sign-in code and becomes that user", async () => {
    const { calls, jar } = setup();
    const email = newEmail("grace");
    const owner = await existingAccount(email);
    const guest = await port.createGuest(jar, caller);
    await port.requestEmailCode(jar, email, { locale: "en", address: ADDRESS });
    expect(mailTypes(email)).toEqual(["magiclink"]);
    const session = await port.verifyEmailCode(jar, email, codeFor(email), caller);
    expect(session.userId).toBe(owner);
    expect(session.userId).not.toBe(guest.userId);
    expect(bodyOf(calls().findLast((c) => c.route === "POST /verify"))).toMatchObject({ type: "email" });
  });

  test("a visitor without a session gets a sign-in code (the user is created by Supabase when new)", async () => {
    const { calls, jar } = setup();
    const email = newEmail("new");
    await port.requestEmailCode(jar, email, { locale: "es", address: ADDRESS });
    expect(bodyOf(calls().find((c) => c.route === "POST /otp"))).toMatchObject({
      create_user: true,
      data: { language: "es" },
    });
    const session = await port.verifyEmailCode(jar, email, codeFor(email), caller);
    expect(session).toMatchObject({ email, isAnonymous: false });
  });

  test("a wrong or expired code is validation_failed on code, and the guest stays", async () => {
    const { jar } = setup();
    const email = newEmail("ada");
    const guest = await port.createGuest(jar, caller);
    await port.requestEmailCode(jar, email, { locale: "en", address: ADDRESS });
    const wrong = codeFor(email) === "000000" ? "111111" : "000000";
    const error = await port.verifyEmailCode(jar, email, wrong, caller).catch((e: unknown) => e);
    expect(isAppError(error, "validation_failed")).toBe(true);
    expect((error as { field?: string }).field).toBe("code");
    expect(await port.read(jar)).toMatchObject({ userId: guest.userId, isAnonymous: true });
  });

  test("Supabase's mail rate limit becomes rate_limited", async () => {
    const { jar } = setup();
    standIn.limits.emailsSent = 0;
    try {
      const error = await port
        .requestEmailCode(jar, newEmail("busy"), { locale: "en", address: ADDRESS })
        .catch((e: unknown) => e);
      expect(isAppError(error, "rate_limited")).toBe(true);
    } finally {
      delete standIn.limits.emailsSent;
    }
  });
});

describe("Supabase sessions: sign-out", () => {
  const logouts = (calls: AuthCall[]) => calls.filter((c) => c.route === "POST /logout").map(withQuery);
  const authCookies = (jar: CookieJar) => jar.getAll().filter((c) => c.name.startsWith("sb-"));

  test("this device: POST /logout?scope=local, and the cookies are cleared", async () => {
    const { calls, jar } = setup();
    await port.createGuest(jar, caller);
    expect(authCookies(jar)).not.toEqual([]);
    await port.signOut(jar);
    expect(logouts(calls())).toEqual(["POST /logout?scope=local"]);
    expect(authCookies(jar)).toEqual([]);
    expect(await port.read(jar)).toBeNull();
  });

  test("everywhere: POST /logout?scope=global, and the cookies are cleared", async () => {
    const { calls, jar } = setup();
    const guest = await port.createGuest(jar, caller);
    await port.signOut(jar, "everywhere");
    expect(logouts(calls())).toEqual(["POST /logout?scope=global"]);
    expect(authCookies(jar)).toEqual([]);
    expect(standIn.sessionCount(guest.userId)).toBe(0);
  });

  test.each(["device", "everywhere"] as const)(
    "a session Supabase no longer has (403 session_not_found) is signed out without an error (%s)",
    async (scope) => {
      const { calls, jar } = setup();
      const guest = await port.createGuest(jar, caller);
      standIn.endSessions(guest.userId);
      await port.signOut(jar, scope);
      expect(calls().find((c) => c.route === "POST /logout")?.status).toBe(403);
      expect(authCookies(jar)).toEqual([]);
    },
  );

  test("Supabase Auth failing still signs this device out", async () => {
    const { calls, jar } = setup();
    await port.createGuest(jar, caller);
    const outage = standIn.breakCalls("POST", "/auth/v1/logout");
    try {
      await port.signOut(jar, "device");
    } finally {
      outage.restore();
    }
    expect(logouts(calls())).toEqual(["POST /logout?scope=local"]);
    expect(authCookies(jar)).toEqual([]);
  });

  test("everywhere while Supabase Auth fails is service_unavailable and keeps the session to try again", async () => {
    const { jar } = setup();
    const guest = await port.createGuest(jar, caller);
    const outage = standIn.breakCalls("POST", "/auth/v1/logout");
    try {
      const error = await port.signOut(jar, "everywhere").catch((e: unknown) => e);
      expect(isAppError(error, "service_unavailable")).toBe(true);
    } finally {
      outage.restore();
    }
    expect(await port.read(jar)).toMatchObject({ userId: guest.userId });
  });
});

/** The key, forwarded address and counted address of the first such request Auth received. */
function sent(calls: AuthCall[], route: string) {
  const call = calls.find((c) => c.route === route);
  if (!call) throw new Error(`no ${route}`);
  return {
    apikey: call.headers.apikey,
    forwardedFor: call.headers["sb-forwarded-for"] ?? null,
    countedAgainst: call.clientAddress,
  };
}
const forPerson = () => ({ apikey: standIn.secretKey, forwardedFor: ADDRESS, countedAgainst: ADDRESS });

describe("Supabase sessions: calls made for a person carry their address", () => {
  test("a new guest, its email link and code check: secret key + Sb-Forwarded-For, Auth counts the person", async () => {
    const { calls, jar } = setup();
    const email = newEmail("ada");
    await port.createGuest(jar, caller);
    await port.requestEmailCode(jar, email, { locale: "en", address: ADDRESS });
    await port.verifyEmailCode(jar, email, codeFor(email), caller);
    expect(sent(calls(), "POST /signup")).toEqual(forPerson());
    expect(sent(calls(), "PUT /user")).toEqual(forPerson());
    expect(sent(calls(), "POST /verify")).toEqual(forPerson());
  });

  test("a sign-in code for a visitor without a session: POST /otp carries the address", async () => {
    const { calls, jar } = setup();
    await port.requestEmailCode(jar, newEmail("new"), { locale: "en", address: ADDRESS });
    expect(sent(calls(), "POST /otp")).toEqual(forPerson());
  });

  test("reading the session and signing out use the publishable key and forward nothing", async () => {
    const { jar } = setup();
    await port.createGuest(jar, caller);
    const { calls } = setup();
    await port.read(jar);
    await port.signOut(jar);
    // getClaims() checks the token against the project's published keys (JWKS), not GET /user.
    expect(
      calls()
        .filter((c) => !c.path.includes("/.well-known/"))
        .map((c) => c.route),
    ).toEqual(["POST /logout"]);
    for (const call of calls()) {
      expect(call.headers.apikey).toBe(standIn.publishableKey);
      expect(call.headers).not.toHaveProperty("sb-forwarded-for");
    }
  });

  test("an address we could not learn is not forwarded (Auth counts our server)", async () => {
    const { calls, jar } = setup();
    await port.createGuest(jar, { address: "unknown" });
    expect(sent(calls(), "POST /signup")).toEqual({
      apikey: standIn.secretKey,
      forwardedFor: null,
      countedAgainst: "127.0.0.1",
    });
  });

  test("an expired access token is renewed once, counted against the person, and the cookies hold the new one", async () => {
    const { calls, jar } = setup();
    standIn.authConfig.jwt_exp = -60;
    const guest = await port.createGuest(jar, caller).finally(() => {
      standIn.authConfig.jwt_exp = 3600;
    });
    const session = await port.refresh(jar, caller);
    expect(session).toMatchObject({ userId: guest.userId, isAnonymous: true });
    const renewals = calls().filter((c) => c.route === "POST /token");
    expect(renewals.map(withQuery)).toEqual(["POST /token?grant_type=refresh_token"]);
    expect(sent(calls(), "POST /token")).toEqual(forPerson());
    expect(await port.read(jar)).toMatchObject({ userId: guest.userId });
    expect(calls().filter((c) => c.route === "POST /token")).toHaveLength(1);
  });

  test("a request's jar knows the person's address: a renewal while merely reading counts against them", async () => {
    const { calls, jar } = setup();
    standIn.authConfig.jwt_exp = -60;
    const guest = await port.createGuest(jar, caller).finally(() => {
      standIn.authConfig.jwt_exp = 3600;
    });
    // As requestCookieJar (route handlers) and pageCookieJar (pages) make it.
    const requestJar: CookieJar = { ...jar, address: ADDRESS };
    expect(await port.read(requestJar)).toMatchObject({ userId: guest.userId });
    expect(sent(calls(), "POST /token")).toEqual(forPerson());
  });
});

describe("Supabase sessions: Sign in with Apple", () => {
  let subjects = 0;
  const newApple = () => ({
    sub: `00${++subjects}.apple-subject`,
    email: `kim-${subjects}@privaterelay.appleid.com`,
  });

  /** Apple signs `apple` in at `url` and GoTrue sends the browser back: the code and flow id. */
  async function throughApple(url: string, apple: { sub: string; email: string }) {
    standIn.queueAppleIdentity(apple);
    const back = await standIn.followOAuth(url);
    return {
      back,
      code: back.searchParams.get("code") as string,
      flowId: back.searchParams.get("sb_flow_id"),
    };
  }

  test("a guest links Apple; when the identity has an account, a plain sign-in returns its code and flow id", async () => {
    const apple = newApple();
    const ownerJar = memoryJar();
    const ownerStart = await port.startOAuth(ownerJar, "apple", CALLBACK, { link: false });
    const owner = await port.finishOAuth(ownerJar, await throughApple(ownerStart, apple), caller);

    const { calls, jar } = setup();
    await port.createGuest(jar, caller);
    const linkUrl = await port.startOAuth(jar, "apple", `${CALLBACK}?next=%2F`, { link: true });
    expect(calls().at(-1)?.route).toBe("GET /user/identities/authorize");
    const refused = (await throughApple(linkUrl, apple)).back;
    expect(refused.searchParams.get("error_code")).toBe("identity_already_exists");
    expect(refused.searchParams.has("code")).toBe(false);

    const signInUrl = await port.startOAuth(jar, "apple", `${CALLBACK}?next=%2F`, { link: false });
    const { code, flowId } = await throughApple(signInUrl, apple);
    expect(flowId).toMatch(/^[0-9a-f]{32}$/);
    const session = await port.finishOAuth(jar, { code, flowId }, caller);
    expect(session).toMatchObject({ userId: owner.userId, isAnonymous: false });
    expect(sent(calls(), "POST /token")).toEqual(forPerson());
  });

  test("with two sign-ins in flight, the flow id picks the verifier of the flow being finished", async () => {
    const apple = newApple();
    const { jar } = setup();
    const first = await port.startOAuth(jar, "apple", CALLBACK, { link: false });
    await port.startOAuth(jar, "apple", CALLBACK, { link: false }); // a second tab
    const session = await port.finishOAuth(jar, await throughApple(first, apple), caller);
    expect(session.email).toBe(apple.email);
  });
});
