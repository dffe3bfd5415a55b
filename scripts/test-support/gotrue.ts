import { createHash, randomInt, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for Supabase Auth (GoTrue) behind Supabase's API gateway, for tests only: the
 * routes, bodies, error codes, redirects and the 2024-01-01 API version header the real
 * @supabase/ssr and supabase-js clients meet. Reachable through `fetch` (handed to an adapter)
 * or over HTTP (`listen`). What it models from supabase/auth:
 *
 * - API keys: a publishable or a secret key in `apikey`; a secret key sent as its own bearer is
 *   swapped by the gateway for a service_role token, and Auth skips its captcha check for such
 *   admin credentials (internal/api/middleware.go verifyCaptcha).
 * - `Sb-Forwarded-For` (internal/sbff): believed only on a secret-key request with "IP address
 *   forwarding" on, first comma-separated entry, an IP address; else the caller is the server.
 * - Sessions with expiring access tokens, refresh tokens (/token?grant_type=refresh_token) and
 *   PKCE codes (/token?grant_type=pkce); anonymous users; email codes.
 * - Apple sign-in and identity linking, including the refusal redirect when the identity or its
 *   email already belongs to another user (internal/api/identity.go, external.go redirectErrors).
 */

export const PUBLISHABLE_KEY = "sb_publishable_test";
export const SECRET_KEY = "sb_secret_test";
/** The address GoTrue sees when nobody forwards one: our server's. */
export const SERVER_ADDRESS = "203.0.113.250";

type Identity = { provider: "apple"; sub: string };
export type GoTrueUser = {
  id: string;
  email: string | null;
  new_email: string | null;
  is_anonymous: boolean;
  identities: Identity[];
};
type Mail = { to: string; type: "email" | "email_change"; token: string };
export type GoTrueRequest = {
  method: string;
  path: string;
  search: string;
  body: Record<string, unknown>;
  headers: Headers;
  /** The client address GoTrue counts this request against. */
  address: string;
  admin: boolean;
};
type Flow = {
  id: string;
  kind: "link" | "sign-in";
  userId: string | null;
  redirectTo: string;
  challenge: string;
  code: string | null;
  codeUserId: string | null;
};

export class FakeGoTrue {
  users: GoTrueUser[] = [];
  /** access token -> user and expiry (Unix seconds) */
  tokens = new Map<string, { userId: string; exp: number }>();
  refreshTokens = new Map<string, string>();
  flows: Flow[] = [];
  mail: Mail[] = [];
  requests: GoTrueRequest[] = [];
  otpStatus = 200;
  /** How /logout answers: 204, or GoTrue's refusal of a session it no longer has, or a failure. */
  logout: "ok" | "session_not_found" | "down" = "ok";
  /** Captcha protection on: POST /signup and /otp need this token, as GoTrue's verifyCaptcha does. */
  captchaToken: string | null = null;
  /** The project's "IP address forwarding" setting (security_sb_forwarded_for_enabled). */
  forwardingEnabled = true;
  /** Lifetime of new access tokens; negative issues tokens that are already expired. */
  accessTokenSeconds = 3600;
  /** Told of every user created or changed, so a test can mirror auth.users in its database. */
  onUser: (user: GoTrueUser) => Promise<void> | void = () => {};

  constructor(public base = "http://supabase.test") {}

  fetch: typeof fetch = async (input, init) => this.handle(new Request(input, init));

  /** Serves the stand-in over HTTP on a free local port; `base` becomes its address. */
  async listen(): Promise<{ url: string; close(): Promise<void> }> {
    const server = createServer((req, res) => void this.serveNode(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.base = url;
    return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
  }

  private async serveNode(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const response = await this.handle(
      new Request(new URL(req.url ?? "/", this.base), { method: req.method, headers, body }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  }

  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const text = await request.text();
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const path = url.pathname.replace(/^\/auth\/v1/, "");
    const apikey = request.headers.get("apikey") ?? "";
    if (apikey !== PUBLISHABLE_KEY && apikey !== SECRET_KEY) {
      return reply(401, { message: "Invalid API key" });
    }
    const bearer = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
    const admin = apikey === SECRET_KEY && bearer === SECRET_KEY;
    const address = this.believedAddress(request.headers, apikey);
    this.requests.push({
      method: request.method,
      path,
      search: url.search,
      body,
      headers: request.headers,
      address,
      admin,
    });
    const held = this.tokens.get(bearer);
    const live = held && held.exp > Date.now() / 1000 ? held : undefined;
    const caller = this.users.find((u) => u.id === live?.userId);
    const captchaRefusal = admin ? null : this.checkCaptcha(request.method, path, body);
    if (captchaRefusal) return captchaRefusal;

    if (request.method === "POST" && path === "/signup") {
      const user = await this.addUser(null, true);
      return reply(200, this.session(user));
    }
    if (request.method === "POST" && path === "/token") return this.token(url, body);
    if (request.method === "GET" && path === "/user") {
      return caller ? reply(200, userJson(caller)) : reply(403, { code: "bad_jwt", message: "invalid JWT" });
    }
    if (request.method === "GET" && path === "/user/identities/authorize") {
      if (!caller)
        return reply(401, {
          code: "no_authorization",
          message: "This endpoint requires a valid Bearer token",
        });
      const flow = this.startFlow("link", caller.id, url.searchParams);
      return reply(200, { url: `https://appleid.apple.com/auth/authorize?state=${flow.id}` });
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
      if (!this.users.some((u) => u.email === email) && body.create_user) await this.addUser(email, false);
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
        await this.onUser(user);
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
  }

  /** internal/sbff: the first entry of Sb-Forwarded-For, if an IP and the request may set it. */
  private believedAddress(headers: Headers, apikey: string): string {
    const forwarded = headers.get("sb-forwarded-for");
    if (!forwarded || !this.forwardingEnabled || apikey !== SECRET_KEY) return SERVER_ADDRESS;
    const first = forwarded.split(",")[0]?.trim() ?? "";
    return /^[\d.]+$|:/.test(first) ? first : SERVER_ADDRESS;
  }

  private token(url: URL, body: Record<string, unknown>): Response {
    const grant = url.searchParams.get("grant_type");
    if (grant === "refresh_token") {
      const userId = this.refreshTokens.get(String(body.refresh_token));
      const user = this.users.find((u) => u.id === userId);
      if (!user) return reply(400, { code: "refresh_token_not_found", message: "Invalid Refresh Token" });
      this.refreshTokens.delete(String(body.refresh_token)); // rotation: each is used once
      return reply(200, this.session(user));
    }
    if (grant === "pkce") {
      const flow = this.flows.find((f) => f.code !== null && f.code === body.auth_code);
      const verifier = String(body.code_verifier ?? "");
      const challenge = createHash("sha256").update(verifier).digest("base64url");
      if (!flow || challenge !== flow.challenge) {
        return reply(400, {
          code: "bad_code_verifier",
          message: "code challenge does not match previously saved code verifier",
        });
      }
      flow.code = null;
      const user = this.users.find((u) => u.id === flow.codeUserId);
      return user
        ? reply(200, this.session(user))
        : reply(404, { code: "user_not_found", message: "User not found" });
    }
    return reply(400, { code: "validation_failed", message: "unsupported_grant_type" });
  }

  private startFlow(kind: Flow["kind"], userId: string | null, params: URLSearchParams): Flow {
    const flow: Flow = {
      id: randomUUID(),
      kind,
      userId,
      redirectTo: params.get("redirect_to") ?? "",
      challenge: params.get("code_challenge") ?? "",
      code: null,
      codeUserId: null,
    };
    this.flows.push(flow);
    return flow;
  }

  /**
   * The browser's trip through Apple and back: `startUrl` is where the app sent it (Apple's page
   * for a link, or Auth's /authorize for a sign-in); returns where Auth redirects it afterwards.
   */
  async appleRoundTrip(startUrl: string, apple: { sub: string; email: string }): Promise<string> {
    const start = new URL(startUrl);
    const flow =
      start.hostname === "appleid.apple.com"
        ? this.flows.find((f) => f.id === start.searchParams.get("state"))
        : this.startFlow("sign-in", null, start.searchParams);
    if (!flow) throw new Error(`no flow for ${startUrl}`);
    const owner = this.users.find((u) => u.identities.some((i) => i.sub === apple.sub));
    if (flow.kind === "link") {
      const target = this.users.find((u) => u.id === flow.userId) as GoTrueUser;
      if (owner)
        return refusal(
          flow.redirectTo,
          422,
          "identity_already_exists",
          "Identity is already linked to another user",
        );
      if (this.users.some((u) => u.email === apple.email && u.id !== target.id)) {
        return refusal(
          flow.redirectTo,
          400,
          "email_exists",
          "A user with this email address has already been registered",
        );
      }
      target.identities.push({ provider: "apple", sub: apple.sub });
      target.email = apple.email;
      target.is_anonymous = false;
      await this.onUser(target);
      return this.issueCode(flow, target);
    }
    let user = owner ?? this.users.find((u) => u.email === apple.email);
    if (!user) user = await this.addUser(apple.email, false);
    if (!user.identities.some((i) => i.sub === apple.sub))
      user.identities.push({ provider: "apple", sub: apple.sub });
    return this.issueCode(flow, user);
  }

  private issueCode(flow: Flow, user: GoTrueUser): string {
    flow.code = randomUUID();
    flow.codeUserId = user.id;
    const to = new URL(flow.redirectTo);
    to.searchParams.set("code", flow.code);
    return to.toString();
  }

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

  async addUser(email: string | null, anonymous: boolean): Promise<GoTrueUser> {
    const user = { id: randomUUID(), email, new_email: null, is_anonymous: anonymous, identities: [] };
    this.users.push(user);
    await this.onUser(user);
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

  session(user: GoTrueUser) {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + this.accessTokenSeconds;
    const claims = {
      sub: user.id,
      aud: "authenticated",
      role: "authenticated",
      email: user.email ?? "",
      is_anonymous: user.is_anonymous,
      iat: now,
      exp,
      session_id: randomUUID(),
    };
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const token = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(claims)}.${Buffer.from("sig").toString("base64url")}`;
    this.tokens.set(token, { userId: user.id, exp });
    const refreshToken = randomUUID();
    this.refreshTokens.set(refreshToken, user.id);
    return {
      access_token: token,
      token_type: "bearer",
      expires_in: this.accessTokenSeconds,
      expires_at: exp,
      refresh_token: refreshToken,
      user: userJson(user),
    };
  }
}

/** external.go redirectErrors: the error in the query (and fragment) of the app's redirect URL. */
function refusal(redirectTo: string, status: number, code: string, description: string): string {
  const to = new URL(redirectTo);
  const error =
    { 400: "invalid_request", 401: "unauthorized_client", 403: "access_denied" }[status] ?? "server_error";
  to.searchParams.set("error", error);
  to.searchParams.set("error_code", code);
  to.searchParams.set("error_description", description);
  to.hash = new URLSearchParams({
    error,
    error_code: code,
    error_description: description,
    sb: "",
  }).toString();
  return to.toString();
}

function userJson(user: GoTrueUser) {
  return {
    id: user.id,
    aud: "authenticated",
    role: "authenticated",
    email: user.email ?? "",
    ...(user.new_email ? { new_email: user.new_email } : {}),
    is_anonymous: user.is_anonymous,
    app_metadata: {},
    user_metadata: {},
    identities: user.identities.map((i) => ({ provider: i.provider, id: i.sub })),
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
