import type { Locale } from "../i18n/locale";
import { localeCookieName } from "../i18n/locale";
import type { CookieJar } from "./auth";

/** A year: the language cookie outlives sessions, like the setting it mirrors. */
const LOCALE_COOKIE_MAX_AGE = 365 * 24 * 3600;

/**
 * Writes the locale cookie the pages render with (lib/i18n/request.ts): after the language
 * changed, or after signing in to an account whose saved language differs.
 */
export function setLocaleCookie(jar: CookieJar, language: Locale): void {
  jar.setAll([
    {
      name: localeCookieName,
      value: language,
      options: { path: "/", sameSite: "lax", secure: jar.secure, maxAge: LOCALE_COOKIE_MAX_AGE },
    },
  ]);
}
