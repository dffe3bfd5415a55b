import { randomInt, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { isAppError } from "../../errors";
import type { CookieJar } from "./cookies";
import type { SessionPort } from "./session";

/**
 * The Supabase session adapter through the real @supabase/ssr and supabase-js, with `fetch`
 * answered the way Supabase Auth (GoTrue) answers: its routes, bodies, error codes and the
 * 2024-01-01 API version header. A test double for Supabase's hosted HTTP API only.
 */

const BASE = "http://supabase.test";

type User = { id: string; email: string | null; new_email: string | null; is_anonymous: boolean };
type Mail = { to: string; type: "email" | "email_change"; token: string };

class FakeGoTrue {
  users: User[] = [];
  tokens = new Map<string, string>();
  mail: Mail[] = [];
  requests: { method: string; path: string; search: string; body: Record<string, unknown> }[] = [];
  otpStatus = 200;
  /** How /logout answers: 204, or GoTrue's refusal of a session it no longer has, or a failure. */
  logout: "ok" | "session_not_found" | "down" = "ok";
  /** Captcha protection on: POST /signup and /otp need this token, as GoTrue's verifyCaptcha does. */
  captchaToken: string | null = null;

  fetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const text = await request.text();
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const path = url.pathname.replace(/^\/auth\/v1/, "");
    this.requests.push({ method: request.method, path, search: url.search, body });
    const bearer = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
    const caller = this.users.find((u) => u.id === this.tokens.get(bearer));
    const captchaRefusal = this.checkCaptcha(request.method, path, body);
    if (captchaRefusal) return captchaRefusal;

    if (request.method === "POST" && path === "/signup") {
      const user = this.addUser(null, true);
      return reply(200, this.session(user));
    }
    if (request.method === "GET" && path === "/user") {
      return caller ? reply(200, userJson(caller)) : reply(403, { code: "bad_jwt", message: "invalid JWT" });
    }
    if (request.method === "PUT" && path === "/user") {
      if (!caller)
        return reply(401, {
          code: "no_authorization",
          message: "This endpoint requires a valid Bearer token",
        });
      const email = String(body.email).toLowerCase();
      if (this.users.some((u) => u.email === email && u.id !== caller.id)) {
        return reply(422, {
          code: "email_exists",
          message: "A user with this email address has already been registered",
        });
      }
      caller.new_email = email;
      this.send(email, "email_change");
      return reply(200, userJson(caller));
    }
    if (request.method === "POST" && path === "/otp") {
      if (this.otpStatus === 429) {
        return reply(429, { code: "over_email_send_rate_limit", message: "email rate limit exceeded" });
      }
      const email = String(body.email).toLowerCase();
      if (!this.users.some((u) => u.email === email) && body.create_user) this.addUser(email, false);
      this.send(email, "email");
      return reply(200, {});
    }
    if (request.method === "POST" && path === "/verify") {
      const email = String(body.email).toLowerCase();
      const mail = this.mail.findLast((m) => m.to === email && m.type === body.type);
      if (!mail || mail.token !== body.token) {
        return reply(403, { code: "otp_expired", message: "Token has expired or is invalid" });
      }
      this.mail = this.mail.filter((m) => m !== mail);
      const user =
        body.type === "email_change"
          ? this.users.find((u) => u.new_email === email)
          : this.users.find((u) => u.email === email);
      if (!user) return reply(403, { code: "otp_expired", message: "Token has expired or is invalid" });
      if (body.type === "email_change") {
        user.email = email;
        user.new_email = null;
        user.is_anonymous = false;
      }
      return reply(200, this.session(user));
    }
    if (request.method === "POST" && path === "/logout") {
      if (this.logout === "session_not_found") {
        return reply(403, {
          code: "session_not_found",
          message: "Session from session_id claim in JWT does not exist",
        });
      }
      if (this.logout === "down")
        return reply(500, { code: "unexpected_failure", message: "Unexpected failure" });
      return caller
        ? new Response(null, { status: 204 })
        : reply(403, { code: "bad_jwt", message: "invalid JWT" });
    }
    return reply(404, { code: "not_found", message: "Not found" });
  };

  checkCaptcha(method: string, path: string, body: Record<string, unknown>): Response | null {
    if (this.captchaToken === null || method !== "POST" || !["/signup", "/otp"].includes(path)) return null;
    const security = body.gotrue_meta_security as { captcha_token?: string } | undefined;
    const token = security?.captcha_token?.trim() ?? "";
    if (token === "") {
      return reply(400, {
        code: "captcha_failed",
        message: "captcha protection: request disallowed (no captcha_token found)",
      });
    }
    if (token !== this.captchaToken) {
      return reply(400, {
        code: "captcha_failed",
        message: "captcha protection: request disallowed (invalid-input-response)",
      });
    }
    return null;
  }

  addUser(email: string | null, anonymous: boolean): User {
    const user = { id: randomUUID(), email, new_email: null, is_anonymous: anonymous };
    this.users.push(user);
    return user;
  }

  send(to: string, type: Mail["type"]) {
    this.mail.push({ to, type, token: String(randomInt(0, 1_000_000)).padStart(6, "0") });
  }

  codeFor(to: string): string {
    const mail = this.mail.findLast((m) => m.to === to);
    if (!mail) throw new Error(`no mail to ${to}`);
    return mail.token;
  }

  session(user: User) {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      sub: user.id,
      aud: "authenticated",
      role: "authenticated",
      email: user.email ?? "",
      is_anonymous: user.is_anonymous,
      iat: now,
      exp: now + 3600,
      session_id: randomUUID(),
    };
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const token = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(claims)}.${Buffer.from("sig").toString("base64url")}`;
    this.tokens.set(token, user.id);
    return {
      access_token: token,
      token_type: "bearer",
      expires_in: 3600,
      expires_at: now + 3600,
      refresh_token: randomUUID(),
      user: userJson(user),
    };
  }
}

function userJson(user: User) {
  return {
    id: user.id,
    aud: "authenticated",
    role: "authenticated",
    email: user.email ?? "",
    ...(user.new_email ? { new_email: user.new_email } : {}),
    is_anonymous: user.is_anonymous,
    app_metadata: {},
    user_metadata: {},
    identities: [],
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
  };
}

function reply(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "x-supabase-api-version": "2024-01-01" },
  });
}

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
  vi.stubEnv("NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "sb_publishable_test");
  vi.stubEnv("SUPABASE_SECRET_KEY", "sb_secret_test");
  vi.stubEnv("DATABASE_URL", "");
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
    const guest = await port.createGuest(jar);
    await port.requestEmailCode(jar, "ada@example.com", { locale: "en" });
    expect(gotrue.requests.map((r) => `${r.method} ${r.path}`)).toContain("PUT /user");
    expect(gotrue.mail.map((m) => m.type)).toEqual(["email_change"]);

    const session = await port.verifyEmailCode(jar, "ada@example.com", gotrue.codeFor("ada@example.com"));
    expect(session).toMatchObject({ userId: guest.userId, isAnonymous: false, email: "ada@example.com" });
    expect(gotrue.requests.findLast((r) => r.path === "/verify")?.body).toMatchObject({
      type: "email_change",
    });
    expect(await port.read(jar)).toMatchObject({ userId: guest.userId, isAnonymous: false });
  });

  test("a guest whose email already has an account gets a sign-in code and becomes that user", async () => {
    const { gotrue, port, jar } = setup();
    const owner = gotrue.addUser("grace@example.com", false);
    const guest = await port.createGuest(jar);
    await port.requestEmailCode(jar, "grace@example.com", { locale: "en" });
    expect(gotrue.mail.map((m) => m.type)).toEqual(["email"]);
    const session = await port.verifyEmailCode(jar, "grace@example.com", gotrue.codeFor("grace@example.com"));
    expect(session.userId).toBe(owner.id);
    expect(session.userId).not.toBe(guest.userId);
    expect(gotrue.requests.findLast((r) => r.path === "/verify")?.body).toMatchObject({ type: "email" });
  });

  test("a visitor without a session gets a sign-in code (the user is created by Supabase when new)", async () => {
    const { gotrue, port, jar } = setup();
    await port.requestEmailCode(jar, "new@example.com", { locale: "en" });
    expect(gotrue.requests.find((r) => r.path === "/otp")?.body).toMatchObject({ create_user: true });
    const session = await port.verifyEmailCode(jar, "new@example.com", gotrue.codeFor("new@example.com"));
    expect(session).toMatchObject({ email: "new@example.com", isAnonymous: false });
  });

  test("a wrong or expired code is validation_failed on code, and the guest stays", async () => {
    const { gotrue, port, jar } = setup();
    const guest = await port.createGuest(jar);
    await port.requestEmailCode(jar, "ada@example.com", { locale: "en" });
    const wrong = gotrue.codeFor("ada@example.com") === "000000" ? "111111" : "000000";
    const error = await port.verifyEmailCode(jar, "ada@example.com", wrong).catch((e: unknown) => e);
    expect(isAppError(error, "validation_failed")).toBe(true);
    expect((error as { field?: string }).field).toBe("code");
    expect(await port.read(jar)).toMatchObject({ userId: guest.userId, isAnonymous: true });
  });

  test("Supabase's mail rate limit becomes rate_limited", async () => {
    const { gotrue, port, jar } = setup();
    gotrue.otpStatus = 429;
    const error = await port
      .requestEmailCode(jar, "busy@example.com", { locale: "en" })
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
    await port.createGuest(jar);
    expect(authCookies(jar)).not.toEqual([]);
    await port.signOut(jar);
    expect(logouts(gotrue)).toEqual(["POST /logout?scope=local"]);
    expect(authCookies(jar)).toEqual([]);
    expect(await port.read(jar)).toBeNull();
  });

  test("everywhere: POST /logout?scope=global, and the cookies are cleared", async () => {
    const { gotrue, port, jar } = setup();
    await port.createGuest(jar);
    await port.signOut(jar, "everywhere");
    expect(logouts(gotrue)).toEqual(["POST /logout?scope=global"]);
    expect(authCookies(jar)).toEqual([]);
  });

  test.each(["device", "everywhere"] as const)(
    "a session Supabase no longer has (403 session_not_found) is signed out without an error (%s)",
    async (scope) => {
      const { gotrue, port, jar } = setup();
      await port.createGuest(jar);
      gotrue.logout = "session_not_found";
      await port.signOut(jar, scope);
      expect(authCookies(jar)).toEqual([]);
    },
  );

  test("Supabase Auth failing still signs this device out", async () => {
    const { gotrue, port, jar } = setup();
    await port.createGuest(jar);
    gotrue.logout = "down";
    await port.signOut(jar, "device");
    expect(logouts(gotrue)).toEqual(["POST /logout?scope=local"]);
    expect(authCookies(jar)).toEqual([]);
  });

  test("everywhere while Supabase Auth fails is service_unavailable and keeps the session to try again", async () => {
    const { gotrue, port, jar } = setup();
    const guest = await port.createGuest(jar);
    gotrue.logout = "down";
    const error = await port.signOut(jar, "everywhere").catch((e: unknown) => e);
    expect(isAppError(error, "service_unavailable")).toBe(true);
    expect(await port.read(jar)).toMatchObject({ userId: guest.userId });
  });
});

describe("Supabase sessions: Turnstile tokens go to Supabase Auth", () => {
  test("a new guest's token reaches POST /signup as gotrue_meta_security.captcha_token", async () => {
    const { gotrue, port, jar } = setup();
    gotrue.captchaToken = "turnstile-token-1";
    const guest = await port.createGuest(jar, { captchaToken: "turnstile-token-1" });
    expect(gotrue.requests.find((r) => r.path === "/signup")?.body).toMatchObject({
      gotrue_meta_security: { captcha_token: "turnstile-token-1" },
    });
    expect(await port.read(jar)).toMatchObject({ userId: guest.userId, isAnonymous: true });
  });

  test("a token Supabase Auth refuses is captcha_failed on captchaToken, and no guest is made", async () => {
    const { gotrue, port, jar } = setup();
    gotrue.captchaToken = "turnstile-token-1";
    for (const captchaToken of ["spent-token", undefined]) {
      const error = await port.createGuest(jar, { captchaToken }).catch((e: unknown) => e);
      expect(isAppError(error, "captcha_failed")).toBe(true);
      expect((error as { field?: string }).field).toBe("captchaToken");
    }
    expect(gotrue.users).toHaveLength(0);
    expect(await port.read(jar)).toBeNull();
  });

  test("a sign-in code request passes the token to POST /otp; a refused one is captcha_failed", async () => {
    const { gotrue, port, jar } = setup();
    gotrue.captchaToken = "turnstile-token-2";
    await port.requestEmailCode(jar, "new@example.com", { locale: "en", captchaToken: "turnstile-token-2" });
    expect(gotrue.requests.find((r) => r.path === "/otp")?.body).toMatchObject({
      email: "new@example.com",
      gotrue_meta_security: { captcha_token: "turnstile-token-2" },
    });
    expect(gotrue.mail).toHaveLength(1);

    const error = await port
      .requestEmailCode(jar, "other@example.com", { locale: "en", captchaToken: "wrong" })
      .catch((e: unknown) => e);
    expect(isAppError(error, "captcha_failed")).toBe(true);
    expect(gotrue.mail).toHaveLength(1);
  });
});
