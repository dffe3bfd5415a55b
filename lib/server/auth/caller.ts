import type { Locale } from "../../i18n/locale";
import { setRequestUser } from "../log/request-context";
import type { CookieJar } from "./cookies";
import { getSessionPort } from "./index";
import type { OAuthStart, Session, SignOutScope } from "./session";

/**
 * The Session port bound to one caller's request (lib/server/route.ts makes it): services read,
 * start and end the caller's session through it and never see a cookie. Calls Supabase Auth
 * limits per address count against the caller's.
 */
export type CallerAuth = {
  /** The caller's session, renewed when close to expiry; null without a live one. */
  current(): Promise<Session | null>;
  /** A new guest identity for the caller. The human check is done before. */
  createGuest(): Promise<Session>;
  requestEmailCode(email: string, locale: Locale): Promise<void>;
  verifyEmailCode(email: string, code: string): Promise<Session>;
  startOAuth(provider: "apple", redirectTo: string, start: OAuthStart): Promise<string>;
  finishOAuth(callback: { code: string; flowId: string | null }): Promise<Session>;
  signOut(scope?: SignOutScope): Promise<void>;
};

export function callerAuth(jar: CookieJar & { address: string }): CallerAuth {
  const caller = () => ({ address: jar.address });
  return {
    async current() {
      const session = await (await getSessionPort()).refresh(jar, caller());
      if (session) setRequestUser(session.userId);
      return session;
    },
    createGuest: async () => (await getSessionPort()).createGuest(jar, caller()),
    requestEmailCode: async (email, locale) =>
      (await getSessionPort()).requestEmailCode(jar, email, { ...caller(), locale }),
    verifyEmailCode: async (email, code) =>
      (await getSessionPort()).verifyEmailCode(jar, email, code, caller()),
    startOAuth: async (provider, redirectTo, start) =>
      (await getSessionPort()).startOAuth(jar, provider, redirectTo, start),
    finishOAuth: async (callback) => (await getSessionPort()).finishOAuth(jar, callback, caller()),
    signOut: async (scope) => (await getSessionPort()).signOut(jar, scope),
  };
}
