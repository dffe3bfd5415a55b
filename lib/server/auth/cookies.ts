import { clientAddress } from "../client-address";
import { isHttps } from "../public-origin";

/**
 * The cookies a Session adapter reads and writes. Route handlers collect writes and apply them
 * to their response (so handlers stay plain functions of Request -> Response); server components
 * can only read.
 */

export type CookieOptions = {
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: "lax" | "strict" | "none";
  path?: string;
  maxAge?: number;
  expires?: Date;
  domain?: string;
};

export type CookieToSet = { name: string; value: string; options?: CookieOptions };

export interface CookieJar {
  getAll(): { name: string; value: string }[];
  setAll(cookies: CookieToSet[]): void;
  /** True when the page is served over HTTPS, so cookies may be marked Secure. */
  readonly secure: boolean;
  /**
   * The client's address (lib/server/client-address.ts) when the jar is a person's request's:
   * a session renewed while reading counts against that person at Supabase Auth, not the server.
   */
  readonly address?: string;
}

export function parseCookieHeader(header: string | null): { name: string; value: string }[] {
  if (!header) return [];
  return header.split(";").flatMap((part) => {
    const index = part.indexOf("=");
    if (index <= 0) return [];
    const name = part.slice(0, index).trim();
    const raw = part.slice(index + 1).trim();
    try {
      return [{ name, value: decodeURIComponent(raw) }];
    } catch {
      return [{ name, value: raw }];
    }
  });
}

export function serializeCookie({ name, value, options = {} }: CookieToSet): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path ?? "/"}`];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${Math.floor(options.maxAge)}`);
  if (options.expires) parts.push(`Expires=${options.expires.toUTCString()}`);
  if (options.domain) parts.push(`Domain=${options.domain}`);
  if (options.httpOnly) parts.push("HttpOnly");
  if (options.secure) parts.push("Secure");
  if (options.sameSite)
    parts.push(`SameSite=${options.sameSite[0]?.toUpperCase()}${options.sameSite.slice(1)}`);
  return parts.join("; ");
}

/** A jar over a route handler's request; `apply` writes what was set onto the response. */
export function requestCookieJar(
  request: Request,
): CookieJar & { readonly address: string; apply(response: Response): Response } {
  const current = new Map(parseCookieHeader(request.headers.get("cookie")).map((c) => [c.name, c.value]));
  const pending: CookieToSet[] = [];
  let address: string | undefined;
  // Worked out when a session is used, so a route without one does no more than read cookies.
  return {
    get secure() {
      return isHttps(request);
    },
    get address() {
      address ??= clientAddress(request);
      return address;
    },
    getAll: () => [...current].map(([name, value]) => ({ name, value })),
    setAll(cookies) {
      for (const cookie of cookies) {
        pending.push(cookie);
        if (cookie.options?.maxAge === 0) current.delete(cookie.name);
        else current.set(cookie.name, cookie.value);
      }
    },
    apply(response) {
      for (const cookie of pending) response.headers.append("set-cookie", serializeCookie(cookie));
      return response;
    },
  };
}
