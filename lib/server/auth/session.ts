import type { CookieJar } from "./cookies";

/** Who is calling: always from the session, never from the request body. */
export type Session = {
  userId: string;
  isAnonymous: boolean;
  email: string | null;
  /** Unix seconds. */
  expiresAt: number;
};

/**
 * The Session port. `local` keeps a signed JWT (Supabase's claims: sub, role, is_anonymous,
 * exp) in an HttpOnly cookie; `supabase` uses Supabase Auth through @supabase/ssr. Callers
 * never know which.
 */
export interface SessionPort {
  /** The valid session in the cookies, or null. */
  read(jar: CookieJar): Promise<Session | null>;
  /** Renews the cookie when the session is close to expiry (no-op otherwise). */
  refresh(jar: CookieJar): Promise<Session | null>;
  /** A new anonymous (guest) identity, written to the cookies. */
  createGuest(jar: CookieJar): Promise<Session>;
  signOut(jar: CookieJar): Promise<void>;
}
