import { createServerClient } from "@supabase/ssr";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import WebSocket from "ws";
import type { CookieJar, CookieOptions } from "../auth/cookies";
import { normaliseAddress } from "../client-address";

/**
 * Every Supabase client the server makes (supabase mode), built the same way: the admin client
 * for rpc and Storage, and the per-request session client for Supabase Auth over a CookieJar
 * (route handlers, pages and the proxy each hand it their own jar). Never shared between requests.
 */

// Node 20 has no global WebSocket; supabase-js needs one at construction even if unused.
const realtime = { transport: WebSocket as never };

/** The secret key's client (service_role): rpc and Storage. It holds no session. */
export function adminClient(options: { url: string; secretKey: string }): SupabaseClient {
  return createClient(options.url, options.secretKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime,
  });
}

export type SessionClientOptions = {
  url: string;
  publishableKey: string;
  secretKey: string;
  /**
   * The client's address, when this call is made on a person's behalf and Supabase Auth limits
   * it per address. Supabase Auth believes `Sb-Forwarded-For` only from a request made with a
   * secret key (and with "IP address forwarding" on for the project), so such calls use it.
   */
  forwardFor?: string;
};

/**
 * The @supabase/ssr client over `jar`: the session's tokens in HttpOnly cookies (Secure over
 * HTTPS), PKCE verifiers keyed by flow id so a callback can name its own flow.
 */
export function sessionClient(jar: CookieJar, options: SessionClientOptions) {
  const forwarded = options.forwardFor === undefined ? undefined : forwardedFor(options.forwardFor);
  const headers: Record<string, string> = forwarded ? { "sb-forwarded-for": forwarded } : {};
  const key = options.forwardFor === undefined ? options.publishableKey : options.secretKey;
  return createServerClient(options.url, key, {
    global: { headers },
    auth: { experimental: { appendPkceFlowIdToRedirects: true } },
    cookies: {
      getAll: () => jar.getAll(),
      setAll: (cookies) =>
        jar.setAll(
          cookies.map(({ name, value, options: cookieOptions }) => ({
            name,
            value,
            options: { ...(cookieOptions as CookieOptions), secure: jar.secure, httpOnly: true },
          })),
        ),
    },
    realtime,
  });
}

/** Supabase Auth takes the header's first entry if it is an IP address; we send nothing else. */
function forwardedFor(address: string): string | undefined {
  return normaliseAddress(address) ?? undefined;
}
