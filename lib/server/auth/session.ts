import type { Locale } from "../../i18n/locale";
import type { CookieJar } from "./cookies";

/** Who is calling: always from the session, never from the request body. */
export type Session = {
  userId: string;
  isAnonymous: boolean;
  email: string | null;
  /** Unix seconds. */
  expiresAt: number;
};

/** Sign-out ends this device's session, or every session of the user ("everywhere"). */
export type SignOutScope = "device" | "everywhere";

/**
 * The Session port. `local` keeps a signed JWT (Supabase's claims: sub, role, is_anonymous,
 * exp) in an HttpOnly cookie; `supabase` uses Supabase Auth through @supabase/ssr. Callers
 * never know which.
 */
/**
 * The caller's address (lib/server/client-address.ts), for calls Supabase Auth limits per
 * address: it counts the person, not our server. Local modes have their own limits and ignore it.
 */
export type OnBehalfOf = { address: string };

/** How a provider sign-in starts: a guest links the provider to itself unless told to sign in. */
export type OAuthStart = { link: boolean };

export interface SessionPort {
  /** The valid session in the cookies, or null. */
  read(jar: CookieJar): Promise<Session | null>;
  /**
   * Renews the session when it is close to expiry or expired (no-op otherwise), writing the new
   * cookie to `jar`. Given `caller`, a renewal at Supabase Auth counts against that address.
   */
  refresh(jar: CookieJar, caller?: OnBehalfOf): Promise<Session | null>;
  /** A new anonymous (guest) identity, written to the cookies. The human check is done before. */
  createGuest(jar: CookieJar, caller: OnBehalfOf): Promise<Session>;
  /**
   * Ends the session on the server (this one, or with "everywhere" all of the user's) and
   * clears the cookies. An already dead session just has its cookies cleared.
   */
  signOut(jar: CookieJar, scope?: SignOutScope): Promise<void>;
  /**
   * Sends a one-time sign-in code to `email` (lower-cased, valid). A new request replaces the
   * previous code. Local modes write the mail to the outbox; Supabase Auth mails it.
   */
  requestEmailCode(jar: CookieJar, email: string, context: OnBehalfOf & { locale: Locale }): Promise<void>;
  /**
   * Checks the code and writes the session of the email's user to the cookies. When the email
   * has no user yet and the caller is a guest, the guest's own identity takes the email (same
   * id). A wrong, expired or used code is `validation_failed` on field `code`.
   */
  verifyEmailCode(jar: CookieJar, email: string, code: string, caller: OnBehalfOf): Promise<Session>;
  /**
   * Where to send the browser to sign in with a provider (supabase mode only; else not_found).
   * The provider's callback comes back to `redirectTo` with `code` and the flow's id.
   */
  startOAuth(jar: CookieJar, provider: "apple", redirectTo: string, start: OAuthStart): Promise<string>;
  /** Finishes a provider sign-in from its callback's `code` and flow id, and writes the session. */
  finishOAuth(
    jar: CookieJar,
    callback: { code: string; flowId: string | null },
    caller: OnBehalfOf,
  ): Promise<Session>;
}
