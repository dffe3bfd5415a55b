import "server-only";
import { cookies, headers } from "next/headers";
import { type CookieJar, getSessionPort, type Session } from "./auth";
import { isHttps } from "./public-origin";

/**
 * What a server component (page) may know about the caller. Pages can read cookies but not set
 * them: sessions are created and renewed by route handlers (/api/session/guest, /api/me).
 */
export async function pageCookieJar(): Promise<CookieJar> {
  const [store, requestHeaders] = await Promise.all([cookies(), headers()]);
  return {
    secure: isHttps({ headers: requestHeaders }),
    getAll: () => store.getAll().map(({ name, value }) => ({ name, value })),
    setAll: () => {
      // Server components cannot set cookies; renewal happens on the next API call.
    },
  };
}

export async function pageSession(): Promise<Session | null> {
  return (await getSessionPort()).read(await pageCookieJar());
}
