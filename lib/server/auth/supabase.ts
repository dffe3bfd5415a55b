import { isAuthRetryableFetchError } from "@supabase/supabase-js";
import { AppError } from "../../errors";
import { getConfig } from "../config";
import { sessionClient } from "../supabase/clients";
import type { CookieJar } from "./cookies";
import type { OnBehalfOf, Session, SessionPort } from "./session";

/**
 * Supabase Auth sessions (supabase mode) through @supabase/ssr: anonymous sign-in for guests,
 * the access and refresh tokens in cookies, claims verified by getClaims(). Calls made for a
 * person that Supabase Auth limits per address (new guests, codes, token renewals and
 * exchanges) carry that person's address.
 */

function client(jar: CookieJar, caller?: OnBehalfOf) {
  const supabase = getConfig().supabase;
  if (!supabase) throw new Error("Supabase sessions need the supabase mode");
  return sessionClient(jar, { ...supabase, forwardFor: caller?.address ?? jar.address });
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

function supabaseSessionPort(): SessionPort {
  // getClaims() renews an expired access token with the refresh token and writes the cookies.
  async function read(jar: CookieJar, caller?: OnBehalfOf): Promise<Session | null> {
    const { data, error } = await client(jar, caller).auth.getClaims();
    if (error || !data) return null;
    return fromClaims(data.claims as Record<string, unknown>);
  }
  return {
    read: (jar) => read(jar),
    refresh: read,
    async createGuest(jar, caller) {
      const { data, error } = await client(jar, caller).auth.signInAnonymously();
      const session = data.session;
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
     * has an account, or a caller who is no guest, gets a sign-in code ("email").
     */
    async requestEmailCode(jar, email, caller) {
      const auth = client(jar, caller).auth;
      const { data } = await auth.getUser();
      // The code's email template (supabase/templates) picks its language from this metadata.
      const metadata = { language: caller.locale };
      if (data.user?.is_anonymous) {
        const { error } = await auth.updateUser({ email, data: metadata });
        if (!error) return;
        if (error.code !== "email_exists") throw authError(error, "email");
      }
      const { error } = await auth.signInWithOtp({
        email,
        options: { shouldCreateUser: true, data: metadata },
      });
      if (error) throw authError(error, "email");
    },
    async verifyEmailCode(jar, email, code, caller) {
      const auth = client(jar, caller).auth;
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
    /**
     * A guest links the provider to its anonymous user, like the email above, unless `link` is
     * off (the provider's identity turned out to have an account already): then a plain sign-in.
     */
    async startOAuth(jar, provider, redirectTo, { link }) {
      if (!getConfig().appleSignIn) throw new AppError("not_found");
      const auth = client(jar).auth;
      const options = { redirectTo, skipBrowserRedirect: true };
      const guest = link && (await auth.getUser()).data.user?.is_anonymous === true;
      const { data, error } = guest
        ? await auth.linkIdentity({ provider, options })
        : await auth.signInWithOAuth({ provider, options });
      if (error || !data.url) throw authError(error, "email");
      return data.url;
    },
    /** The flow id names the PKCE verifier of the flow this callback ends (several may be open). */
    async finishOAuth(jar, { code, flowId }, caller) {
      const { data, error } = await client(jar, caller).auth.exchangeCodeForSession(code, {
        flowId: flowId ?? undefined,
      });
      if (error || !data.session) throw authError(error, "code");
      return fromAuthSession(data.session);
    },
  };
}

export const supabaseSessions: SessionPort = supabaseSessionPort();
