import { beforeAll, describe, expect, test, vi } from "vitest";
import {
  FakeGoTrue,
  PUBLISHABLE_KEY,
  SECRET_KEY,
  SERVER_ADDRESS,
} from "../../../scripts/test-support/gotrue";
import { isAppError } from "../../errors";
import type { CookieJar } from "./cookies";
import type { SessionPort } from "./session";

/**
 * The Supabase session adapter through the real @supabase/ssr and supabase-js, with `fetch`
 * answered the way Supabase Auth (GoTrue) answers (scripts/test-support/gotrue.ts). A test
 * double for Supabase's hosted HTTP API only.
 */

const BASE = "http://supabase.test";
/** The person's address, as lib/server/client-address.ts found it. */
const ADDRESS = "198.51.100.23";
const caller = { address: ADDRESS };

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

let supabaseSessionPort: (fetchImpl?: typeof fetch) => SessionPort;

beforeAll(async () => {
  vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", BASE);
  vi.stubEnv("NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", PUBLISHABLE_KEY);
  vi.stubEnv("SUPABASE_SECRET_KEY", SECRET_KEY);
  vi.stubEnv("SESSION_SECRET", "a-session-secret-of-at-least-32-characters");
  vi.stubEnv("DATABASE_URL", "");
  vi.stubEnv("AUTH_APPLE_ENABLED", "true");
  ({ supabaseSessionPort } = await import("./supabase"));
  return () => vi.unstubAllEnvs();
});

function setup() {
  const gotrue = new FakeGoTrue();
  return { gotrue, port: supabaseSessionPort(gotrue.fetch), jar: memoryJar() };
}

describe("Supabase sessions: sign-in by email code", () => {
  test("a guest links a new email to its own anonymous user: updateUser, then an email_change code", async () => {
    const { gotrue, port, jar } = setup();
    const guest = await port.createGuest(jar, caller);
    await port.requestEmailCode(jar, "ada@example.com", { locale: "tr", address: ADDRESS });
    expect(gotrue.requests.map((r) => `${r.method} ${r.path}`)).toContain("PUT /user");
    // The code's email speaks the person's language (supabase/templates reads .Data.language).
    expect(gotrue.requests.find((r) => r.path === "/user" && r.method === "PUT")?.body).toMatchObject({
      data: { language: "tr" },
    });
    expect(gotrue.mail.map((m) => m.type)).toEqual(["email_change"]);

    const session = await port.verifyEmailCode(
      jar,
      "ada@example.com",
      gotrue.codeFor("ada@example.com"),
      caller,
    );
    expect(session).toMatchObject({ userId: guest.userId, isAnonymous: false, email: "ada@example.com" });
    expect(gotrue.requests.findLast((r) => r.path === "/verify")?.body).toMatchObject({
      type: "email_change",
    });
    expect(await port.read(jar)).toMatchObject({ userId: guest.userId, isAnonymous: false });
  });

  test("a guest whose email already has an account gets a sign-in code and becomes that user", async () => {
    const { gotrue, port, jar } = setup();
    const owner = await gotrue.addUser("grace@example.com", false);
    const guest = await port.createGuest(jar, caller);
    await port.requestEmailCode(jar, "grace@example.com", { locale: "en", address: ADDRESS });
    expect(gotrue.mail.map((m) => m.type)).toEqual(["email"]);
    const session = await port.verifyEmailCode(
      jar,
      "grace@example.com",
      gotrue.codeFor("grace@example.com"),
      caller,
    );
    expect(session.userId).toBe(owner.id);
    expect(session.userId).not.toBe(guest.userId);
    expect(gotrue.requests.findLast((r) => r.path === "/verify")?.body).toMatchObject({ type: "email" });
  });

  test("a visitor without a session gets a sign-in code (the user is created by Supabase when new)", async () => {
    const { gotrue, port, jar } = setup();
    await port.requestEmailCode(jar, "new@example.com", { locale: "es", address: ADDRESS });
    expect(gotrue.requests.find((r) => r.path === "/otp")?.body).toMatchObject({
      create_user: true,
      data: { language: "es" },
    });
    const session = await port.verifyEmailCode(
      jar,
      "new@example.com",
      gotrue.codeFor("new@example.com"),
      caller,
    );
    expect(session).toMatchObject({ email: "new@example.com", isAnonymous: false });
  });

  test("a wrong or expired code is validation_failed on code, and the guest stays", async () => {
    const { gotrue, port, jar } = setup();
    const guest = await port.createGuest(jar, caller);
    await port.requestEmailCode(jar, "ada@example.com", { locale: "en", address: ADDRESS });
    const wrong = gotrue.codeFor("ada@example.com") === "000000" ? "111111" : "000000";
    const error = await port.verifyEmailCode(jar, "ada@example.com", wrong, caller).catch((e: unknown) => e);
    expect(isAppError(error, "validation_failed")).toBe(true);
    expect((error as { field?: string }).field).toBe("code");
    expect(await port.read(jar)).toMatchObject({ userId: guest.userId, isAnonymous: true });
  });

  test("Supabase's mail rate limit becomes rate_limited", async () => {
    const { gotrue, port, jar } = setup();
    gotrue.otpStatus = 429;
    const error = await port
      .requestEmailCode(jar, "busy@example.com", { locale: "en", address: ADDRESS })
      .catch((e: unknown) => e);
    expect(isAppError(error, "rate_limited")).toBe(true);
  });
});

describe("Supabase sessions: sign-out", () => {
  const logouts = (gotrue: FakeGoTrue) =>
    gotrue.requests.filter((r) => r.path === "/logout").map((r) => `${r.method} /logout${r.search}`);
  const authCookies = (jar: CookieJar) => jar.getAll().filter((c) => c.name.startsWith("sb-"));

  test("this device: POST /logout?scope=local, and the cookies are cleared", async () => {
    const { gotrue, port, jar } = setup();
    await port.createGuest(jar, caller);
    expect(authCookies(jar)).not.toEqual([]);
    await port.signOut(jar);
    expect(logouts(gotrue)).toEqual(["POST /logout?scope=local"]);
    expect(authCookies(jar)).toEqual([]);
    expect(await port.read(jar)).toBeNull();
  });

  test("everywhere: POST /logout?scope=global, and the cookies are cleared", async () => {
    const { gotrue, port, jar } = setup();
    await port.createGuest(jar, caller);
    await port.signOut(jar, "everywhere");
    expect(logouts(gotrue)).toEqual(["POST /logout?scope=global"]);
    expect(authCookies(jar)).toEqual([]);
  });

  test.each(["device", "everywhere"] as const)(
    "a session Supabase no longer has (403 session_not_found) is signed out without an error (%s)",
    async (scope) => {
      const { gotrue, port, jar } = setup();
      await port.createGuest(jar, caller);
      gotrue.logout = "session_not_found";
      await port.signOut(jar, scope);
      expect(authCookies(jar)).toEqual([]);
    },
  );

  test("Supabase Auth failing still signs this device out", async () => {
    const { gotrue, port, jar } = setup();
    await port.createGuest(jar, caller);
    gotrue.logout = "down";
    await port.signOut(jar, "device");
    expect(logouts(gotrue)).toEqual(["POST /logout?scope=local"]);
    expect(authCookies(jar)).toEqual([]);
  });

  test("everywhere while Supabase Auth fails is service_unavailable and keeps the session to try again", async () => {
    const { gotrue, port, jar } = setup();
    const guest = await port.createGuest(jar, caller);
    gotrue.logout = "down";
    const error = await port.signOut(jar, "everywhere").catch((e: unknown) => e);
    expect(isAppError(error, "service_unavailable")).toBe(true);
    expect(await port.read(jar)).toMatchObject({ userId: guest.userId });
  });
});

/** The key, forwarded address and counted address of the first such request Auth received. */
function sent(gotrue: FakeGoTrue, method: string, path: string) {
  const request = gotrue.requests.find((r) => r.method === method && r.path === path);
  if (!request) throw new Error(`no ${method} ${path}`);
  return {
    apikey: request.headers.get("apikey"),
    forwardedFor: request.headers.get("sb-forwarded-for"),
    countedAgainst: request.address,
  };
}
const forPerson = { apikey: SECRET_KEY, forwardedFor: ADDRESS, countedAgainst: ADDRESS };

describe("Supabase sessions: calls made for a person carry their address", () => {
  test("a new guest, its email link and code check: secret key + Sb-Forwarded-For, Auth counts the person", async () => {
    const { gotrue, port, jar } = setup();
    await port.createGuest(jar, caller);
    await port.requestEmailCode(jar, "ada@example.com", { locale: "en", address: ADDRESS });
    await port.verifyEmailCode(jar, "ada@example.com", gotrue.codeFor("ada@example.com"), caller);
    expect(sent(gotrue, "POST", "/signup")).toEqual(forPerson);
    expect(sent(gotrue, "PUT", "/user")).toEqual(forPerson);
    expect(sent(gotrue, "POST", "/verify")).toEqual(forPerson);
  });

  test("a sign-in code for a visitor without a session: POST /otp carries the address", async () => {
    const { gotrue, port, jar } = setup();
    await port.requestEmailCode(jar, "new@example.com", { locale: "en", address: ADDRESS });
    expect(sent(gotrue, "POST", "/otp")).toEqual(forPerson);
  });

  test("reading the session and signing out use the publishable key and forward nothing", async () => {
    const { gotrue, port, jar } = setup();
    await port.createGuest(jar, caller);
    gotrue.requests = [];
    await port.read(jar);
    await port.signOut(jar);
    expect(gotrue.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /user", "POST /logout"]);
    for (const request of gotrue.requests) {
      expect(request.headers.get("apikey")).toBe(PUBLISHABLE_KEY);
      expect(request.headers.has("sb-forwarded-for")).toBe(false);
    }
  });

  test("an address we could not learn is not forwarded (Auth counts our server)", async () => {
    const { gotrue, port, jar } = setup();
    await port.createGuest(jar, { address: "unknown" });
    expect(sent(gotrue, "POST", "/signup")).toEqual({
      apikey: SECRET_KEY,
      forwardedFor: null,
      countedAgainst: SERVER_ADDRESS,
    });
  });

  test("an expired access token is renewed once, counted against the person, and the cookies hold the new one", async () => {
    const { gotrue, port, jar } = setup();
    gotrue.accessTokenSeconds = -60;
    const guest = await port.createGuest(jar, caller);
    gotrue.accessTokenSeconds = 3600;
    const session = await port.refresh(jar, caller);
    expect(session).toMatchObject({ userId: guest.userId, isAnonymous: true });
    const renewals = gotrue.requests.filter((r) => r.path === "/token");
    expect(renewals.map((r) => r.search)).toEqual(["?grant_type=refresh_token"]);
    expect(sent(gotrue, "POST", "/token")).toEqual(forPerson);
    expect(await port.read(jar)).toMatchObject({ userId: guest.userId });
    expect(gotrue.requests.filter((r) => r.path === "/token")).toHaveLength(1);
  });
});

describe("Supabase sessions: Sign in with Apple", () => {
  const apple = { sub: "001234.apple-subject", email: "kim@privaterelay.appleid.com" };

  test("a guest links Apple; when the identity has an account, a plain sign-in returns its code and flow id", async () => {
    const { gotrue, port, jar } = setup();
    const owner = await gotrue.addUser(apple.email, false);
    owner.identities.push({ provider: "apple", sub: apple.sub });
    await port.createGuest(jar, caller);

    const linkUrl = await port.startOAuth(jar, "apple", "http://app.test/api/auth/callback?next=%2F", {
      link: true,
    });
    expect(gotrue.requests.at(-1)?.path).toBe("/user/identities/authorize");
    const refused = new URL(await gotrue.appleRoundTrip(linkUrl, apple));
    expect(refused.searchParams.get("error_code")).toBe("identity_already_exists");
    expect(refused.searchParams.has("code")).toBe(false);

    const signInUrl = await port.startOAuth(jar, "apple", "http://app.test/api/auth/callback?next=%2F", {
      link: false,
    });
    const back = new URL(await gotrue.appleRoundTrip(signInUrl, apple));
    const code = back.searchParams.get("code") as string;
    const flowId = back.searchParams.get("sb_flow_id");
    expect(flowId).toMatch(/^[0-9a-f]{32}$/);
    const session = await port.finishOAuth(jar, { code, flowId }, caller);
    expect(session).toMatchObject({ userId: owner.id, isAnonymous: false });
    expect(sent(gotrue, "POST", "/token")).toEqual(forPerson);
  });

  test("with two sign-ins in flight, the flow id picks the verifier of the flow being finished", async () => {
    const { gotrue, port, jar } = setup();
    const callback = "http://app.test/api/auth/callback";
    const first = await port.startOAuth(jar, "apple", callback, { link: false });
    await port.startOAuth(jar, "apple", callback, { link: false }); // a second tab
    const back = new URL(await gotrue.appleRoundTrip(first, apple));
    const session = await port.finishOAuth(
      jar,
      { code: back.searchParams.get("code") as string, flowId: back.searchParams.get("sb_flow_id") },
      caller,
    );
    expect(session.email).toBe(apple.email);
  });
});
