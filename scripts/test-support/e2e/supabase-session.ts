import type { BrowserContext } from "@playwright/test";

/**
 * The Supabase session a browser holds, read from @supabase/ssr's cookies the way the library
 * writes them: `sb-<ref>-auth-token`, split into `.0`, `.1`, … when long, its value `base64-`
 * and the session's JSON in base64url.
 */
export type BrowserSession = {
  cookieNames: string[];
  accessToken: string;
  refreshToken: string;
  /** Seconds since the epoch. */
  expiresAt: number;
  userId: string;
};

const SESSION_COOKIE = /^sb-.+-auth-token(?:\.(\d+))?$/;

export async function browserSession(context: BrowserContext): Promise<BrowserSession | null> {
  const chunks = (await context.cookies())
    .map((cookie) => ({ cookie, match: SESSION_COOKIE.exec(cookie.name) }))
    .filter(({ match }) => match !== null)
    .sort((a, b) => Number(a.match?.[1] ?? 0) - Number(b.match?.[1] ?? 0));
  if (chunks.length === 0) return null;
  const value = chunks.map(({ cookie }) => cookie.value).join("");
  const json = value.startsWith("base64-")
    ? Buffer.from(value.slice("base64-".length), "base64url").toString("utf8")
    : decodeURIComponent(value);
  const session = JSON.parse(json);
  return {
    cookieNames: chunks.map(({ cookie }) => cookie.name),
    accessToken: session.access_token,
    refreshToken: session.refresh_token,
    expiresAt: session.expires_at,
    userId: session.user?.id,
  };
}
