import "server-only";
import { cookies, headers } from "next/headers";
import { type CookieJar, getSessionPort, type Session } from "./auth";
import { clientAddress } from "./client-address";
import { isHttps } from "./public-origin";

/**
 * What a server component (page) may know about the caller. Pages can read cookies but not set
 * them: sessions are created by route handlers (/api/session/guest) and renewed by the proxy
 * (proxy.ts) before the page renders, or by route handlers.
 */
async function pageCookieJar(): Promise<CookieJar> {
  const [store, requestHeaders] = await Promise.all([cookies(), headers()]);
  return {
    secure: isHttps({ headers: requestHeaders }),
    address: clientAddress({ headers: requestHeaders }),
    getAll: () => store.getAll().map(({ name, value }) => ({ name, value })),
    setAll: () => {
      // Server components cannot set cookies; proxy.ts renewed the session before this render.
    },
  };
}

/** The current user for a page: the caller's live session, or null. Every page asks here. */
export async function pageSession(): Promise<Session | null> {
  return (await getSessionPort()).read(await pageCookieJar());
}
