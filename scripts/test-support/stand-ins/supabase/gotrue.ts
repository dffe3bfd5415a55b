import { createHash, randomBytes, randomInt, randomUUID } from "node:crypto";
import { isIP } from "node:net";
import type { StandInDatabase } from "./database";
import { bearer, json, jsonBody, redirect, type StandInRequest, type StandInResponse } from "./http";
import type { AuthConfig } from "./management";
import type { Signer } from "./tokens";

/**
 * GoTrue (Supabase Auth) at /auth/v1, as far as this app uses it: settings, JWKS, anonymous
 * sign-up, email codes (/otp, /verify: email, signup, magiclink, email_change), /user, refresh
 * and PKCE grants, logout, Apple sign-in and linking (/authorize, /user/identities/authorize,
 * /callback), admin get/delete user. Users live in the database's
 * `auth.users` (id, email, is_anonymous); what GoTrue keeps beside them (confirmation state,
 * identities, sessions, refresh tokens, flow states, codes) lives in memory. Errors are GoTrue's
 * `{code, error_code, msg}` or, for clients sending X-Supabase-Api-Version 2024-01-01 (auth-js
 * does), `{code: <error code>, message}`. Not modelled: passwords, phone, MFA, secure
 * (two-address) email change, SAML, hooks.
 */

export type MailMessage = {
  to: string;
  /** signup: first code for a new or unconfirmed address; magiclink: sign-in code; email_change. */
  type: "signup" | "magiclink" | "email_change";
  code: string;
  userId: string;
  sentAt: number;
};

export type AppleIdentity = { sub: string; email: string };

export type GoTrueLimits = {
  /** Anonymous sign-ins allowed per client address (GoTrue: rate_limit_anonymous_users). */
  anonymousSignInsPerAddress?: number;
  /** POST /otp calls allowed per client address (GoTrue: rate_limit_otp). */
  otpPerAddress?: number;
  /** POST /verify calls allowed per client address (GoTrue: rate_limit_verify). */
  verifyPerAddress?: number;
  /** Emails the project may send in all (GoTrue: rate_limit_email_sent). */
  emailsSent?: number;
  /** Seconds before the same user may be sent another email (GoTrue: smtp_max_frequency; 0 = off). */
  emailFrequencySeconds?: number;
};

export type GoTrueContext = {
  db: StandInDatabase;
  signer: Signer;
  config: AuthConfig;
  limits: GoTrueLimits;
  /** The only CAPTCHA token accepted; any non-empty token when undefined. */
  captchaToken: string | undefined;
  secretKey: string;
  /** The stand-in's base URL (issuer and provider pages). */
  baseUrl: () => string;
};

type Identity = { id: string; provider: string; providerId: string; email: string | null; createdAt: string };

type UserState = {
  id: string;
  email: string | null;
  isAnonymous: boolean;
  emailConfirmedAt: string | null;
  newEmail: string | null;
  emailChangeSentAt: string | null;
  confirmationSentAt: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  updatedAt: string;
  identities: Identity[];
  codes: Partial<Record<MailMessage["type"], { code: string; sentAt: number }>>;
  lastMailAt: number;
};

type Session = {
  id: string;
  userId: string;
  amr: { method: string; timestamp: number }[];
  current: string;
  /** Refresh tokens of this session: undefined while active, the revocation time once used. */
  tokens: Map<string, number | undefined>;
};

type FlowState = {
  id: string;
  provider: string;
  codeChallenge: string;
  codeChallengeMethod: string;
  redirectTo: string;
  linkingTargetId: string | null;
  authCode: string | null;
  userId: string | null;
  createdAt: number;
};

class GoTrueError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

const fail = (status: number, code: string, message: string): never => {
  throw new GoTrueError(status, code, message);
};

const now = () => new Date().toISOString();

export type GoTrue = ReturnType<typeof createGoTrue>;

export function createGoTrue(ctx: GoTrueContext) {
  const users = new Map<string, UserState>();
  const sessions = new Map<string, Session>();
  const sessionByToken = new Map<string, string>();
  const flows = new Map<string, FlowState>();
  const providerCodes = new Map<string, { flowId: string; identity: AppleIdentity }>();
  const mailbox: MailMessage[] = [];
  const counters = new Map<string, number>();
  const appleQueue: AppleIdentity[] = [];
  let emailsSent = 0;

  // ---- users: auth.users in the database, GoTrue's own state in memory ----

  async function loadUser(id: string): Promise<UserState | undefined> {
    const { rows } = await ctx.db.query<{ email: string | null; is_anonymous: boolean; created_at: Date }>(
      "select email, is_anonymous, created_at from auth.users where id = $1",
      [id],
    );
    const row = rows[0];
    if (!row) {
      users.delete(id);
      return undefined;
    }
    let user = users.get(id);
    if (!user) {
      // Made outside GoTrue (SQL): taken as a confirmed user.
      const created = row.created_at.toISOString();
      user = newUserState(id, row.email, row.is_anonymous, created);
      user.emailConfirmedAt = row.email ? created : null;
      users.set(id, user);
    }
    user.email = row.email;
    user.isAnonymous = row.is_anonymous;
    return user;
  }

  async function findUserByEmail(email: string): Promise<UserState | undefined> {
    const { rows } = await ctx.db.query<{ id: string }>("select id from auth.users where email = $1", [
      email,
    ]);
    return rows[0] ? loadUser(rows[0].id) : undefined;
  }

  function newUserState(
    id: string,
    email: string | null,
    isAnonymous: boolean,
    createdAt = now(),
  ): UserState {
    return {
      id,
      email,
      isAnonymous,
      emailConfirmedAt: null,
      newEmail: null,
      emailChangeSentAt: null,
      confirmationSentAt: null,
      lastSignInAt: null,
      createdAt,
      updatedAt: createdAt,
      identities: [],
      codes: {},
      lastMailAt: 0,
    };
  }

  async function createUser(email: string | null, isAnonymous: boolean): Promise<UserState> {
    const user = newUserState(randomUUID(), email, isAnonymous);
    await ctx.db.query("insert into auth.users (id, email, is_anonymous) values ($1, $2, $3)", [
      user.id,
      email,
      isAnonymous,
    ]);
    users.set(user.id, user);
    return user;
  }

  async function saveUser(user: UserState): Promise<void> {
    user.updatedAt = now();
    try {
      await ctx.db.query(
        "update auth.users set email = $2, is_anonymous = $3, updated_at = now() where id = $1",
        [user.id, user.email, user.isAnonymous],
      );
    } catch (error) {
      if ((error as { code?: string }).code === "23505") {
        fail(422, "email_exists", "A user with this email address has already been registered");
      }
      throw error;
    }
  }

  function confirmEmail(user: UserState): void {
    user.emailConfirmedAt ??= now();
    if (user.email && !user.identities.some((i) => i.provider === "email")) {
      user.identities.push({
        id: randomUUID(),
        provider: "email",
        providerId: user.id,
        email: user.email,
        createdAt: now(),
      });
    }
  }

  function userJson(user: UserState) {
    const providers = user.identities.map((i) => i.provider);
    const provider = providers[0] ?? (user.isAnonymous ? "anonymous" : "email");
    return {
      id: user.id,
      aud: "authenticated",
      role: "authenticated",
      email: user.email ?? "",
      ...(user.emailConfirmedAt
        ? { email_confirmed_at: user.emailConfirmedAt, confirmed_at: user.emailConfirmedAt }
        : {}),
      phone: "",
      ...(user.confirmationSentAt ? { confirmation_sent_at: user.confirmationSentAt } : {}),
      ...(user.newEmail ? { new_email: user.newEmail } : {}),
      ...(user.emailChangeSentAt ? { email_change_sent_at: user.emailChangeSentAt } : {}),
      ...(user.lastSignInAt ? { last_sign_in_at: user.lastSignInAt } : {}),
      app_metadata: { provider, providers: providers.length ? [...new Set(providers)] : [provider] },
      user_metadata: {},
      identities: user.identities.map((i) => ({
        identity_id: i.id,
        id: i.providerId,
        user_id: user.id,
        identity_data: { sub: i.providerId, email: i.email, email_verified: true, phone_verified: false },
        provider: i.provider,
        last_sign_in_at: i.createdAt,
        created_at: i.createdAt,
        updated_at: i.createdAt,
        ...(i.email ? { email: i.email } : {}),
      })),
      created_at: user.createdAt,
      updated_at: user.updatedAt,
      is_anonymous: user.isAnonymous,
    };
  }

  // ---- sessions and tokens ----

  async function issueSession(user: UserState, method: string): Promise<Record<string, unknown>> {
    const session: Session = {
      id: randomUUID(),
      userId: user.id,
      amr: [{ method, timestamp: Math.floor(Date.now() / 1000) }],
      current: "",
      tokens: new Map(),
    };
    sessions.set(session.id, session);
    rotate(session);
    user.lastSignInAt = now();
    return tokenResponse(user, session);
  }

  function rotate(session: Session): void {
    if (session.current) session.tokens.set(session.current, Date.now());
    session.current = randomBytes(24).toString("base64url");
    session.tokens.set(session.current, undefined);
    sessionByToken.set(session.current, session.id);
  }

  function endSession(session: Session): void {
    for (const token of session.tokens.keys()) sessionByToken.delete(token);
    sessions.delete(session.id);
  }

  async function tokenResponse(user: UserState, session: Session): Promise<Record<string, unknown>> {
    const lifetime = Number(ctx.config.jwt_exp);
    const body = userJson(user);
    const accessToken = await ctx.signer.sign(
      {
        iss: `${ctx.baseUrl()}/auth/v1`,
        sub: user.id,
        aud: "authenticated",
        email: body.email,
        phone: "",
        app_metadata: body.app_metadata,
        user_metadata: {},
        role: "authenticated",
        aal: "aal1",
        amr: session.amr,
        session_id: session.id,
        is_anonymous: user.isAnonymous,
      },
      lifetime,
    );
    return {
      access_token: accessToken,
      token_type: "bearer",
      expires_in: lifetime,
      expires_at: Math.floor(Date.now() / 1000) + lifetime,
      refresh_token: session.current,
      user: body,
    };
  }

  /** GoTrue's requireAuthentication: a valid access token whose user and session still exist. */
  async function authenticate(request: StandInRequest): Promise<{ user: UserState; session: Session }> {
    const token = bearer(request);
    if (!token) fail(401, "no_authorization", "This endpoint requires a valid Bearer token");
    let claims: Record<string, unknown> = {};
    try {
      claims = await ctx.signer.verify(token as string);
    } catch (error) {
      fail(403, "bad_jwt", `invalid JWT: unable to parse or verify signature, ${(error as Error).message}`);
    }
    const user = await loadUser(String(claims.sub));
    if (!user) return fail(403, "user_not_found", "User from sub claim in JWT does not exist");
    const session = sessions.get(String(claims.session_id));
    if (!session)
      return fail(403, "session_not_found", "Session from session_id claim in JWT does not exist");
    return { user, session };
  }

  // ---- request guards ----

  function limit(bucket: string, address: string, max: number | undefined): void {
    if (max === undefined) return;
    const key = `${bucket}:${address}`;
    const count = (counters.get(key) ?? 0) + 1;
    counters.set(key, count);
    if (count > max) fail(429, "over_request_rate_limit", "Request rate limit reached");
  }

  function checkCaptcha(request: StandInRequest, body: Record<string, unknown>): void {
    if (!ctx.config.security_captcha_enabled) return;
    // GoTrue skips CAPTCHA for admin credentials (the gateway turns the secret key into a service_role token).
    if (bearer(request) === ctx.secretKey) return;
    const security = body.gotrue_meta_security as { captcha_token?: unknown } | undefined;
    const token = typeof security?.captcha_token === "string" ? security.captcha_token.trim() : "";
    if (!token)
      fail(400, "captcha_failed", "captcha protection: request disallowed (no captcha_token found)");
    if (ctx.captchaToken !== undefined && token !== ctx.captchaToken) {
      fail(400, "captcha_failed", "captcha protection: request disallowed (invalid-input-response)");
    }
  }

  function normalizeEmail(value: unknown): string {
    const email = typeof value === "string" ? value.trim().toLowerCase() : "";
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || email.length > 255) {
      fail(400, "validation_failed", "Unable to validate email address: invalid format");
    }
    return email;
  }

  /** GoTrue checks these inside the transaction that would create the user, so nothing is left behind. */
  function checkMailLimits(lastMailAt: number): void {
    const frequency = ctx.limits.emailFrequencySeconds ?? 0;
    const waited = (Date.now() - lastMailAt) / 1000;
    if (frequency > 0 && waited < frequency) {
      fail(
        429,
        "over_email_send_rate_limit",
        `For security purposes, you can only request this after ${Math.ceil(frequency - waited)} seconds.`,
      );
    }
    if (ctx.limits.emailsSent !== undefined && emailsSent >= ctx.limits.emailsSent) {
      fail(429, "over_email_send_rate_limit", "email rate limit exceeded");
    }
  }

  function sendMail(user: UserState, to: string, type: MailMessage["type"]): void {
    checkMailLimits(user.lastMailAt);
    emailsSent += 1;
    const length = Number(ctx.config.mailer_otp_length);
    const code = String(randomInt(0, 10 ** length)).padStart(length, "0");
    user.codes[type] = { code, sentAt: Date.now() };
    user.lastMailAt = Date.now();
    mailbox.push({ to, type, code, userId: user.id, sentAt: Date.now() });
  }

  function takeCode(user: UserState, type: MailMessage["type"], token: string): boolean {
    const entry = user.codes[type];
    if (!entry || entry.code !== token) return false;
    if (Date.now() - entry.sentAt > Number(ctx.config.mailer_otp_exp) * 1000) return false;
    delete user.codes[type];
    return true;
  }

  // ---- endpoints ----

  async function signup(request: StandInRequest, address: string) {
    const body = jsonBody(request) ?? {};
    checkCaptcha(request, body);
    if (body.email || body.phone) {
      return fail(400, "validation_failed", "This stand-in supports anonymous sign-ups only");
    }
    if (!ctx.config.external_anonymous_users_enabled) {
      fail(422, "anonymous_provider_disabled", "Anonymous sign-ins are disabled");
    }
    limit("anonymous", address, ctx.limits.anonymousSignInsPerAddress);
    if (ctx.config.disable_signup) fail(422, "signup_disabled", "Signups not allowed for this instance");
    const user = await createUser(null, true);
    return json(200, await issueSession(user, "anonymous"));
  }

  async function otp(request: StandInRequest, address: string) {
    limit("otp", address, ctx.limits.otpPerAddress);
    const body = jsonBody(request) ?? {};
    checkCaptcha(request, body);
    if (!body.email) return fail(400, "validation_failed", "One of email or phone must be set");
    if (!ctx.config.external_email_enabled) fail(422, "email_provider_disabled", "Email logins are disabled");
    const email = normalizeEmail(body.email);
    let user = await findUserByEmail(email);
    if (!user?.emailConfirmedAt) {
      if (!user && (body.create_user === false || ctx.config.disable_signup)) {
        fail(422, "otp_disabled", "Signups not allowed for otp");
      }
      if (!user && !ctx.config.mailer_autoconfirm) checkMailLimits(0);
      user ??= await createUser(email, false);
      if (ctx.config.mailer_autoconfirm) confirmEmail(user);
      else {
        sendMail(user, email, "signup");
        user.confirmationSentAt = now();
        return json(200, {});
      }
    }
    sendMail(user, email, "magiclink");
    return json(200, {});
  }

  async function verify(request: StandInRequest) {
    const body = jsonBody(request) ?? {};
    const type = String(body.type ?? "");
    const token = String(body.token ?? "");
    if (!type) fail(400, "validation_failed", "Verify requires a verification type");
    if (!token) fail(400, "validation_failed", "Verify requires either a token or a token hash");
    const email = normalizeEmail(body.email);
    const expired = () => fail(403, "otp_expired", "Token has expired or is invalid");
    if (type === "email_change") {
      const user = [...users.values()].find((u) => u.newEmail === email);
      if (!user || !(await loadUser(user.id)) || !takeCode(user, "email_change", token)) return expired();
      user.email = email;
      user.newEmail = null;
      user.emailChangeSentAt = null;
      user.emailConfirmedAt = now();
      user.isAnonymous = false;
      confirmEmail(user);
      await saveUser(user);
      return json(200, await issueSession(user, "otp"));
    }
    if (!["email", "signup", "magiclink"].includes(type)) {
      fail(400, "validation_failed", "Unsupported verification type");
    }
    const user = await findUserByEmail(email);
    if (!user) return expired();
    const accepted =
      (type !== "magiclink" && takeCode(user, "signup", token)) ||
      (type !== "signup" && takeCode(user, "magiclink", token));
    if (!accepted) return expired();
    confirmEmail(user);
    return json(200, await issueSession(user, "otp"));
  }

  async function updateUser(request: StandInRequest) {
    const { user } = await authenticate(request);
    const body = jsonBody(request) ?? {};
    if (body.password !== undefined) fail(422, "validation_failed", "This stand-in does not model passwords");
    if (body.email !== undefined && body.email !== user.email) {
      const email = normalizeEmail(body.email);
      const other = await findUserByEmail(email);
      if (other && other.id !== user.id) {
        fail(422, "email_exists", "A user with this email address has already been registered");
      }
      if (user.isAnonymous && ctx.config.mailer_autoconfirm) {
        user.email = email;
        user.isAnonymous = false;
        confirmEmail(user);
        await saveUser(user);
      } else {
        sendMail(user, email, "email_change");
        user.newEmail = email;
        user.emailChangeSentAt = now();
      }
    }
    return json(200, userJson(user));
  }

  async function token(request: StandInRequest) {
    const grant = request.url.searchParams.get("grant_type");
    const body = jsonBody(request) ?? {};
    if (grant === "refresh_token") return refresh(String(body.refresh_token ?? ""));
    if (grant === "pkce") return exchangeCode(String(body.auth_code ?? ""), String(body.code_verifier ?? ""));
    return fail(400, "invalid_credentials", "unsupported_grant_type");
  }

  async function refresh(refreshToken: string) {
    if (refreshToken.length < 12) fail(400, "validation_failed", "Refresh token is not valid");
    const session = sessions.get(sessionByToken.get(refreshToken) ?? "");
    const notFound = () =>
      fail(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
    if (!session) return notFound();
    const user = await loadUser(session.userId);
    if (!user) {
      endSession(session);
      return notFound();
    }
    const revokedAt = session.tokens.get(refreshToken);
    if (revokedAt !== undefined) {
      const reuseMs = Number(ctx.config.security_refresh_token_reuse_interval) * 1000;
      if (Date.now() - revokedAt > reuseMs) {
        endSession(session); // rotation on: the whole token family is revoked
        return fail(400, "refresh_token_already_used", "Invalid Refresh Token: Already Used");
      }
      return json(200, await tokenResponse(user, session)); // within the reuse interval: the active token again
    }
    rotate(session);
    return json(200, await tokenResponse(user, session));
  }

  async function exchangeCode(authCode: string, verifier: string) {
    if (!authCode || !verifier) {
      fail(400, "validation_failed", "invalid request: both auth code and code verifier should be non-empty");
    }
    const flow = [...flows.values()].find((f) => f.authCode === authCode);
    if (!flow?.userId) {
      return fail(404, "flow_state_not_found", "invalid flow state, no valid flow state found");
    }
    if (Date.now() - flow.createdAt > 300_000) {
      fail(422, "flow_state_expired", "invalid flow state, flow state has expired");
    }
    const expected =
      flow.codeChallengeMethod === "plain"
        ? verifier
        : createHash("sha256").update(verifier).digest("base64url");
    if (expected !== flow.codeChallenge)
      fail(400, "bad_code_verifier", "code challenge does not match previously saved code verifier");
    flows.delete(flow.id);
    const user = await loadUser(flow.userId);
    if (!user) return fail(404, "user_not_found", "User not found");
    return json(200, await issueSession(user, "oauth"));
  }

  async function logout(request: StandInRequest) {
    const { user, session } = await authenticate(request);
    const scope = request.url.searchParams.get("scope") ?? "global";
    if (!["global", "local", "others"].includes(scope)) {
      fail(400, "validation_failed", `Unsupported logout scope "${scope}"`);
    }
    for (const s of [...sessions.values()]) {
      const mine = s.userId === user.id;
      if (scope === "local" ? s.id === session.id : scope === "others" ? mine && s.id !== session.id : mine) {
        endSession(s);
      }
    }
    return { status: 204, body: "" };
  }

  /** GoTrue's redirect_to check: the site URL or a pattern of the allow list, else the site URL. */
  function allowedRedirect(target: string | null): string {
    const site = String(ctx.config.site_url);
    if (!target) return site;
    if (target.startsWith(site)) return target;
    const patterns = String(ctx.config.uri_allow_list ?? "")
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    const matches = patterns.some((pattern) => {
      const source = pattern
        .split("**")
        .map((part) => part.split("*").map(escapeRegExp).join("[^/]*"))
        .join(".*");
      return new RegExp(`^${source}$`).test(target);
    });
    return matches ? target : site;
  }

  function startOAuth(request: StandInRequest, linkingTargetId: string | null): string {
    const query = request.url.searchParams;
    const provider = query.get("provider") ?? "";
    if (provider !== "apple" || !ctx.config.external_apple_enabled) {
      fail(400, "validation_failed", `Unsupported provider: provider ${provider} could not be found`);
    }
    const method = query.get("code_challenge_method") ?? "";
    const challenge = query.get("code_challenge") ?? "";
    if (!challenge) fail(400, "validation_failed", "This stand-in supports the PKCE flow only");
    const flow: FlowState = {
      id: randomUUID(),
      provider,
      codeChallenge: challenge,
      codeChallengeMethod: method.toLowerCase(),
      redirectTo: allowedRedirect(query.get("redirect_to")),
      linkingTargetId,
      authCode: null,
      userId: null,
      createdAt: Date.now(),
    };
    flows.set(flow.id, flow);
    return `${ctx.baseUrl()}/__apple/authorize?state=${flow.id}`;
  }

  async function linkIdentity(request: StandInRequest) {
    if (!ctx.config.security_manual_linking_enabled)
      fail(404, "manual_linking_disabled", "Manual linking is disabled");
    const { user } = await authenticate(request);
    const url = startOAuth(request, user.id);
    return request.url.searchParams.get("skip_http_redirect") === "true" ? json(200, { url }) : redirect(url);
  }

  /** Apple's side: signs in the next queued identity (or a new one) and returns to GoTrue's callback. */
  function appleAuthorize(request: StandInRequest): StandInResponse {
    const state = request.url.searchParams.get("state") ?? "";
    const identity = appleQueue.shift() ?? {
      sub: `apple-${randomUUID()}`,
      email: `${randomUUID()}@privaterelay.appleid.com`,
    };
    const code = randomUUID();
    providerCodes.set(code, { flowId: state, identity });
    return redirect(`${ctx.baseUrl()}/auth/v1/callback?state=${state}&code=${code}`);
  }

  async function callback(request: StandInRequest): Promise<StandInResponse> {
    const flow = flows.get(request.url.searchParams.get("state") ?? "");
    const target = new URL(flow?.redirectTo ?? String(ctx.config.site_url));
    try {
      if (!flow) return fail(404, "flow_state_not_found", "OAuth state not found");
      const provided = providerCodes.get(request.url.searchParams.get("code") ?? "");
      if (!provided || provided.flowId !== flow.id)
        return fail(400, "bad_oauth_callback", "OAuth callback with invalid state");
      providerCodes.delete(request.url.searchParams.get("code") ?? "");
      const user = flow.linkingTargetId
        ? await linkTo(flow.linkingTargetId, provided.identity)
        : await signInWith(provided.identity);
      flow.userId = user.id;
      flow.authCode = randomUUID();
      target.searchParams.set("code", flow.authCode);
      return redirect(target.toString());
    } catch (error) {
      if (!(error instanceof GoTrueError)) throw error;
      const oauthError: Record<number, string> = {
        400: "invalid_request",
        401: "unauthorized_client",
        403: "access_denied",
      };
      const errorName = oauthError[error.status] ?? "server_error";
      const fragment = new URLSearchParams();
      for (const [name, value] of [
        ["error", errorName],
        ["error_code", error.errorCode],
        ["error_description", error.message],
      ] as const) {
        target.searchParams.set(name, value);
        fragment.set(name, value);
      }
      fragment.set("sb", "");
      target.hash = fragment.toString();
      return redirect(target.toString());
    }
  }

  function findIdentity(sub: string): { user: UserState; identity: Identity } | undefined {
    for (const user of users.values()) {
      const identity = user.identities.find((i) => i.provider === "apple" && i.providerId === sub);
      if (identity) return { user, identity };
    }
    return undefined;
  }

  async function linkTo(targetId: string, apple: AppleIdentity): Promise<UserState> {
    const target = await loadUser(targetId);
    if (!target) return fail(404, "user_not_found", "User not found");
    const existing = findIdentity(apple.sub);
    if (existing && (await loadUser(existing.user.id))) {
      fail(
        422,
        "identity_already_exists",
        existing.user.id === target.id
          ? "Identity is already linked"
          : "Identity is already linked to another user",
      );
    }
    if (!target.email) {
      const owner = await findUserByEmail(apple.email.toLowerCase());
      if (owner && owner.id !== target.id) {
        fail(400, "email_exists", "A user with this email address has already been registered");
      }
      target.email = apple.email.toLowerCase();
      target.isAnonymous = false;
      confirmEmail(target);
      await saveUser(target);
    }
    target.identities.push(appleIdentity(apple));
    return target;
  }

  async function signInWith(apple: AppleIdentity): Promise<UserState> {
    const existing = findIdentity(apple.sub);
    if (existing && (await loadUser(existing.user.id))) return existing.user;
    const email = apple.email.toLowerCase();
    // Automatic linking: a verified email from the provider joins the account with that email.
    let user = await findUserByEmail(email);
    if (!user) {
      if (ctx.config.disable_signup) fail(422, "signup_disabled", "Signups not allowed for this instance");
      user = await createUser(email, false);
    }
    confirmEmail(user);
    user.identities.push(appleIdentity(apple));
    return user;
  }

  function appleIdentity(apple: AppleIdentity): Identity {
    return {
      id: randomUUID(),
      provider: "apple",
      providerId: apple.sub,
      email: apple.email.toLowerCase(),
      createdAt: now(),
    };
  }

  /** The admin routes' guard (admin credentials) and user lookup. */
  async function adminFind(request: StandInRequest, id: string): Promise<UserState> {
    if (bearer(request) !== ctx.secretKey) fail(403, "not_admin", "User not allowed");
    return (await loadUser(id)) ?? fail(404, "user_not_found", "User not found");
  }

  /** auth.admin.deleteUser: the row, its sessions and identities go. */
  async function deleteUser(request: StandInRequest, id: string) {
    await adminFind(request, id);
    try {
      await ctx.db.query("delete from auth.users where id = $1", [id]);
    } catch {
      fail(500, "unexpected_failure", "Database error deleting user");
    }
    users.delete(id);
    for (const session of [...sessions.values()]) if (session.userId === id) endSession(session);
    return json(200, {});
  }

  function settings() {
    const c = ctx.config;
    return json(200, {
      external: {
        anonymous_users: Boolean(c.external_anonymous_users_enabled),
        apple: Boolean(c.external_apple_enabled),
        email: Boolean(c.external_email_enabled),
        phone: false,
        google: false,
        github: false,
      },
      disable_signup: Boolean(c.disable_signup),
      mailer_autoconfirm: Boolean(c.mailer_autoconfirm),
      phone_autoconfirm: false,
      sms_provider: "",
      saml_enabled: false,
    });
  }

  /** The address GoTrue attributes a request to (internal/sbff, with the gateway's secret-key rule). */
  function clientAddress(request: StandInRequest, apiKey: "secret" | "publishable"): string {
    if (ctx.config.security_sb_forwarded_for_enabled && apiKey === "secret") {
      const forwarded = parseIp(request.headers.get("sb-forwarded-for")?.split(",")[0]?.trim() ?? "");
      if (forwarded) return forwarded;
    }
    return parseIp(request.remoteAddress) ?? request.remoteAddress;
  }

  async function route(request: StandInRequest, address: string): Promise<StandInResponse> {
    const path = request.url.pathname.replace(/^\/auth\/v1/, "").replace(/\/$/, "") || "/";
    const m = request.method;
    if (m === "GET" && path === "/settings") return settings();
    if (m === "GET" && path === "/.well-known/jwks.json") {
      return json(200, ctx.signer.jwks(), { "cache-control": "public, max-age=600" });
    }
    if (m === "POST" && path === "/signup") return signup(request, address);
    if (m === "POST" && path === "/otp") return otp(request, address);
    if ((m === "POST" || m === "GET") && path === "/verify") {
      limit("verify", address, ctx.limits.verifyPerAddress);
      return verify(request);
    }
    if (m === "GET" && path === "/user") return json(200, userJson((await authenticate(request)).user));
    if (m === "PUT" && path === "/user") return updateUser(request);
    if (m === "POST" && path === "/token") return token(request);
    if (m === "POST" && path === "/logout") return logout(request);
    if (m === "GET" && path === "/authorize") return redirect(startOAuth(request, null));
    if (m === "GET" && path === "/user/identities/authorize") return linkIdentity(request);
    if (m === "GET" && path === "/callback") return callback(request);
    const adminUser = /^\/admin\/users\/([0-9a-f-]{36})$/.exec(path);
    if (m === "GET" && adminUser)
      return json(200, userJson(await adminFind(request, adminUser[1] as string)));
    if (m === "DELETE" && adminUser) return deleteUser(request, adminUser[1] as string);
    return fail(404, "not_found", "Not Found");
  }

  return {
    mailbox,
    /** The last code mailed to an address (of any type), as a person would read it. */
    lastCode(email: string): string | undefined {
      return mailbox.filter((m) => m.to === email.toLowerCase()).at(-1)?.code;
    },
    /** The identity Apple signs in next (a fresh one each time when none is queued). */
    queueAppleIdentity(identity: AppleIdentity): void {
      appleQueue.push(identity);
    },
    resetRateLimits(): void {
      counters.clear();
      emailsSent = 0;
    },
    /** How many sessions a user has (a logout or a merge ends them). */
    sessionCount(userId: string): number {
      return [...sessions.values()].filter((s) => s.userId === userId).length;
    },
    endSessions(userId: string): void {
      for (const session of [...sessions.values()]) if (session.userId === userId) endSession(session);
    },
    clientAddress,
    appleAuthorize,
    async handle(request: StandInRequest, address: string): Promise<StandInResponse> {
      const modern = (request.headers.get("x-supabase-api-version") ?? "") >= "2024-01-01";
      try {
        return await route(request, address);
      } catch (error) {
        if (!(error instanceof GoTrueError)) throw error;
        const headers: Record<string, string> = { "x-sb-error-code": error.errorCode };
        if (modern) {
          headers["x-supabase-api-version"] = "2024-01-01";
          return json(error.status, { code: error.errorCode, message: error.message }, headers);
        }
        return json(
          error.status,
          { code: error.status, error_code: error.errorCode, msg: error.message },
          headers,
        );
      }
    },
  };
}

/** Go's net.ParseIP(...).String(): a valid address in canonical form, else undefined. */
export function parseIp(value: string): string | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped && isIP(mapped[1] as string) === 4) return mapped[1];
  if (isIP(value) === 4) return value;
  if (isIP(value) === 6) return new URL(`http://[${value}]/`).hostname.slice(1, -1);
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
