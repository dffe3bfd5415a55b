import { createServerClient } from "@supabase/ssr";
import { isAuthRetryableFetchError } from "@supabase/supabase-js";
import WebSocket from "ws";
import { AppError } from "../../errors";
import { getConfig } from "../config";
import type { CookieJar, CookieOptions } from "./cookies";
import type { Session, SessionPort } from "./session";

/**
 * Supabase Auth sessions (supabase mode) through @supabase/ssr: anonymous sign-in for guests,
 * the access and refresh tokens in cookies, claims verified by getClaims().
 */

function makeClient(jar: CookieJar, fetchImpl: typeof fetch | undefined) {
  const supabase = getConfig().supabase;
  if (!supabase) throw new Error("Supabase sessions need the supabase mode");
  return createServerClient(supabase.url, supabase.publishableKey, {
    ...(fetchImpl ? { global: { fetch: fetchImpl } } : {}),
    cookies: {
      getAll: () => jar.getAll(),
      setAll: (cookies) =>
        jar.setAll(
          cookies.map(({ name, value, options }) => ({
            name,
            value,
            options: { ...(options as CookieOptions), secure: jar.secure, httpOnly: true },
          })),
        ),
    },
    // Node 20 has no global WebSocket; supabase-js needs one at construction even if unused.
    realtime: { transport: WebSocket as never },
  });
}

function fromClaims(claims: Record<string, unknown> | undefined): Session | null {
  if (!claims || typeof claims.sub !== "string" || typeof claims.exp !== "number") return null;
  return {
    userId: claims.sub,
    isAnonymous: claims.is_anonymous === true,
    email: typeof claims.email === "string" && claims.email ? claims.email : null,
    expiresAt: claims.exp,
  };
}

/** @supabase/ssr's session cookies (chunked as name.0, name.1, ...) and the PKCE verifier. */
const AUTH_COOKIE = /^sb-.+-auth-token(?:-code-verifier)?(?:\.\d+)?$/;

function clearAuthCookies(jar: CookieJar): void {
  const stale = jar.getAll().filter((c) => AUTH_COOKIE.test(c.name));
  jar.setAll(stale.map(({ name }) => ({ name, value: "", options: { path: "/", maxAge: 0 } })));
}

type AuthFailure = { status?: number; code?: string } | null;

/**
 * GoTrue's refusals as catalogue errors: too many mails, a refused captcha token, a bad code or
 * address, else down.
 */
function authError(error: AuthFailure, field: "email" | "code"): AppError {
  if (error?.status === 429) return new AppError("rate_limited", { retryAfterSeconds: 60 });
  if (error?.code === "captcha_failed") return new AppError("captcha_failed", { field: "captchaToken" });
  if (error?.code === "otp_expired" || error?.code === "email_address_invalid") {
    return new AppError("validation_failed", { field: error.code === "otp_expired" ? "code" : "email" });
  }
  if (error?.status && error.status >= 400 && error.status < 500) {
    return new AppError("validation_failed", { field });
  }
  return new AppError("service_unavailable");
}

function fromAuthSession(session: {
  user: { id: string; email?: string; is_anonymous?: boolean };
  expires_at?: number;
  expires_in: number;
}): Session {
  return {
    userId: session.user.id,
    isAnonymous: session.user.is_anonymous === true,
    email: session.user.email || null,
    expiresAt: session.expires_at ?? Math.floor(Date.now() / 1000) + session.expires_in,
  };
}

/** The adapter; tests hand it a `fetch` that answers as Supabase Auth (GoTrue) does. */
export function supabaseSessionPort(fetchImpl?: typeof fetch): SessionPort {
  const client = (jar: CookieJar) => makeClient(jar, fetchImpl);
  async function read(jar: CookieJar): Promise<Session | null> {
    const { data, error } = await client(jar).auth.getClaims();
    if (error || !data) return null;
    return fromClaims(data.claims as Record<string, unknown>);
  }
  return {
    read,
    // getClaims() renews an expired access token with the refresh token and writes the cookies.
    refresh: read,
    async createGuest(jar, options = {}) {
      const { data, error } = await client(jar).auth.signInAnonymously({
        options: { captchaToken: options.captchaToken },
      });
      const session = data.session;
      if (error?.code === "captcha_failed") throw authError(error, "email");
      if (error || !session) {
        throw new AppError(error?.status === 429 ? "rate_limited" : "service_unavailable", {
          retryAfterSeconds: error?.status === 429 ? 60 : undefined,
        });
      }
      return {
        userId: session.user.id,
        isAnonymous: true,
        email: null,
        expiresAt: session.expires_at ?? Math.floor(Date.now() / 1000) + session.expires_in,
      };
    },
    /**
     * "local" revokes this session in Supabase Auth, "global" all of the user's (supabase-js
     * defaults to global). A token Supabase already refuses counts as signed out; for this device
     * any failure still clears our cookies, while "everywhere" that could not reach Supabase
     * keeps the session so the person can try again.
     */
    async signOut(jar, scope = "device") {
      const { error } = await client(jar).auth.signOut({
        scope: scope === "everywhere" ? "global" : "local",
      });
      if (!error) return;
      if (scope === "everywhere" && (isAuthRetryableFetchError(error) || (error.status ?? 0) >= 500)) {
        throw new AppError("service_unavailable");
      }
      clearAuthCookies(jar);
    },
    /**
     * A guest links the email to its own anonymous user (updateUser + an "email_change" code, per
     * Supabase's identity linking), so the id, credits and history stay. An email that already
     * has an account, or a caller who is no guest, gets a sign-in code ("email"). Supabase Auth
     * checks the captcha token on the latter only (PUT /user has no captcha check; the guest
     * passed one when it was made).
     */
    async requestEmailCode(jar, email, { captchaToken }) {
      const auth = client(jar).auth;
      const { data } = await auth.getUser();
      if (data.user?.is_anonymous) {
        const { error } = await auth.updateUser({ email });
        if (!error) return;
        if (error.code !== "email_exists") throw authError(error, "email");
      }
      const { error } = await auth.signInWithOtp({
        email,
        options: { shouldCreateUser: true, captchaToken },
      });
      if (error) throw authError(error, "email");
    },
    async verifyEmailCode(jar, email, code) {
      const auth = client(jar).auth;
      const { data: current } = await auth.getUser();
      const linking = current.user?.is_anonymous === true && current.user.new_email?.toLowerCase() === email;
      const { data, error } = await auth.verifyOtp({
        email,
        token: code,
        type: linking ? "email_change" : "email",
      });
      if (error || !data.session) throw authError(error, "code");
      return fromAuthSession(data.session);
    },
    async startOAuth(jar, provider, redirectTo) {
      if (!getConfig().appleSignIn) throw new AppError("not_found");
      const auth = client(jar).auth;
      const { data: current } = await auth.getUser();
      const options = { redirectTo, skipBrowserRedirect: true };
      // A guest links the provider to its anonymous user, like the email above.
      const { data, error } = current.user?.is_anonymous
        ? await auth.linkIdentity({ provider, options })
        : await auth.signInWithOAuth({ provider, options });
      if (error || !data.url) throw authError(error, "email");
      return data.url;
    },
    async finishOAuth(jar, code) {
      const { data, error } = await client(jar).auth.exchangeCodeForSession(code);
      if (error || !data.session) throw authError(error, "code");
      return fromAuthSession(data.session);
    },
  };
}

export const supabaseSessions: SessionPort = supabaseSessionPort();
