import { performance } from "node:perf_hooks";
import { AppError } from "../errors";
import { type Locale, localeCookieName, resolveLocale } from "../i18n/locale";
import { requestCookieJar, type Session } from "./auth";
import { type CallerAuth, callerAuth } from "./auth/caller";
import { assertSameOrigin, errorResponse } from "./http";
import { setLocaleCookie } from "./locale-cookie";
import { type RequestContext, runInRequest } from "./log/request-context";
import { REQUEST_ID_HEADER, requestIdOf } from "./log/request-id";
import { logRequest } from "./log/request-log";
import { routeTemplate } from "./log/route-template";

/** A route handler as Next calls it; `segment` carries the dynamic segments of the path. */
export type RouteHandler<P> = (request: Request, segment?: { params: Promise<P> }) => Promise<Response>;

/** What a route's work is handed (with `session` too when the route requires one). */
export type RouteContext<P> = {
  request: Request;
  /** The language the answer speaks: the locale cookie, else Accept-Language. */
  locale: Locale;
  params: P;
  /** The caller's side of the Session port, for the services that start or end a session. */
  auth: CallerAuth;
  /** Writes the locale cookie the next render uses. */
  setLocale(language: Locale): void;
};

type RouteOptions = {
  /** "required": the caller's (renewed) session, else 401 unauthorized before the work runs. */
  session?: "required";
  /** Mutations must come from our own origin (403 forbidden otherwise). */
  mutation?: boolean;
};

/**
 * Every route handler opens here: the request's id, log line and language, the mutation check,
 * the caller's session when required, then the work. Cookies the work sets (a new or renewed
 * session, the language) reach the response even when the work fails; errors become their
 * catalogue response.
 */
export function route<P = unknown>(
  options: RouteOptions & { session: "required" },
  work: (context: RouteContext<P> & { session: Session }) => Promise<Response>,
): RouteHandler<P>;
export function route<P = unknown>(
  options: Omit<RouteOptions, "session">,
  work: (context: RouteContext<P>) => Promise<Response>,
): RouteHandler<P>;
export function route<P>(
  options: RouteOptions,
  work: (context: RouteContext<P> & { session: Session }) => Promise<Response>,
): RouteHandler<P> {
  return (request, segment) =>
    answerRequest(request, async () => {
      const jar = requestCookieJar(request);
      const cookie = jar.getAll().find((c) => c.name === localeCookieName)?.value;
      const locale = resolveLocale({ cookie, acceptLanguage: request.headers.get("accept-language") });
      let response: Response;
      try {
        if (options.mutation) assertSameOrigin(request);
        const auth = callerAuth(jar);
        // Only a route that requires a session is typed to read it (the overloads above).
        const session = (options.session === "required" ? await requireSession(auth) : undefined) as Session;
        const params = (await segment?.params) as P;
        const setLocale = (language: Locale) => setLocaleCookie(jar, language);
        response = await work({ request, locale, params, auth, session, setLocale });
      } catch (error) {
        response = errorResponse(error);
      }
      return jar.apply(response);
    });
}

async function requireSession(auth: CallerAuth): Promise<Session> {
  const session = await auth.current();
  if (!session) throw new AppError("unauthorized");
  return session;
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
