import { type Locale, localeCookieName, resolveLocale } from "../i18n/locale";
import { type CookieJar, requestCookieJar } from "./auth";
import { assertSameOrigin, errorResponse } from "./http";

export type RouteContext = { jar: CookieJar; locale: Locale };

/**
 * Runs a route handler's work with the request's cookies and language. Cookies the work sets
 * (a new or renewed session) reach the response even when the work fails; errors become their
 * catalogue response. Mutations must come from our own origin.
 */
export async function withRequest(
  request: Request,
  work: (context: RouteContext) => Promise<Response>,
  options: { mutation?: boolean } = {},
): Promise<Response> {
  const jar = requestCookieJar(request);
  const cookie = jar.getAll().find((c) => c.name === localeCookieName)?.value;
  const locale = resolveLocale({ cookie, acceptLanguage: request.headers.get("accept-language") });
  let response: Response;
  try {
    if (options.mutation) assertSameOrigin(request);
    response = await work({ jar, locale });
  } catch (error) {
    response = errorResponse(error);
  }
  return jar.apply(response);
}
