import { performance } from "node:perf_hooks";
import { type Locale, localeCookieName, resolveLocale } from "../i18n/locale";
import { type CookieJar, requestCookieJar } from "./auth";
import { assertSameOrigin, errorResponse } from "./http";
import { type RequestContext, runInRequest } from "./log/request-context";
import { REQUEST_ID_HEADER, requestIdOf } from "./log/request-id";
import { logRequest } from "./log/request-log";
import { routeTemplate } from "./log/route-template";

export type RouteContext = { jar: CookieJar; locale: Locale };

/**
 * Runs a route handler's work with the request's cookies and language. Cookies the work sets
 * (a new or renewed session) reach the response even when the work fails; errors become their
 * catalogue response. Mutations must come from our own origin.
 */
export function withRequest(
  request: Request,
  work: (context: RouteContext) => Promise<Response>,
  options: { mutation?: boolean } = {},
): Promise<Response> {
  return answerRequest(request, async () => {
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
  });
}

/**
 * Every API request goes through here: it gets its id (echoed in `x-request-id`), its work runs
 * in its request context (so every line it causes carries the id), errors become their catalogue
 * response, and one line says how it went.
 */
export async function answerRequest(request: Request, work: () => Promise<Response>): Promise<Response> {
  const started = performance.now();
  const context: RequestContext = {
    requestId: requestIdOf((name) => request.headers.get(name)),
    route: routeTemplate(new URL(request.url).pathname),
    method: request.method,
  };
  const response = await runInRequest(context, async () => {
    try {
      return await work();
    } catch (error) {
      return errorResponse(error);
    }
  });
  logRequest(context, response.status, performance.now() - started);
  return withRequestId(response, context.requestId);
}

/** The response with the request's id; one with frozen headers (a redirect) is copied first. */
export function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(REQUEST_ID_HEADER, requestId);
    return copy;
  }
}
