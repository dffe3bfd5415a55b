import { createServerClient } from "@supabase/ssr";
import WebSocket from "ws";
import { AppError } from "../../errors";
import { getConfig } from "../config";
import type { CookieJar, CookieOptions } from "./cookies";
import type { Session, SessionPort } from "./session";

/**
 * Supabase Auth sessions (supabase mode) through @supabase/ssr: anonymous sign-in for guests,
 * the access and refresh tokens in cookies, claims verified by getClaims().
 */

function client(jar: CookieJar) {
  const supabase = getConfig().supabase;
  if (!supabase) throw new Error("Supabase sessions need the supabase mode");
  return createServerClient(supabase.url, supabase.publishableKey, {
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

async function read(jar: CookieJar): Promise<Session | null> {
  const { data, error } = await client(jar).auth.getClaims();
  if (error || !data) return null;
  return fromClaims(data.claims as Record<string, unknown>);
}

export const supabaseSessions: SessionPort = {
  read,
  // getClaims() renews an expired access token with the refresh token and writes the cookies.
  refresh: read,
  async createGuest(jar) {
    const { data, error } = await client(jar).auth.signInAnonymously();
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
  async signOut(jar) {
    await client(jar).auth.signOut();
  },
};
