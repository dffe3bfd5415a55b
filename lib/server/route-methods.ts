import { AppError } from "../errors";
import { errorResponse } from "./http";
import { answerRequest } from "./route";

/**
 * The methods a route handler may export. Next answers a method a route does not export with an
 * empty 405 and no Allow header, and OPTIONS with every method the module exports; each route
 * exports `otherMethods(...)` for the ones it lacks and OPTIONS, so a wrong method gets the
 * API's JSON error with Allow, and OPTIONS lists only the route's own methods.
 */
export const ROUTE_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

type Handler = (request: Request) => Promise<Response>;

/** The Allow header of a route with these handlers, as Next's own OPTIONS answer spells it. */
export function allowHeader(implemented: readonly RouteMethod[]): string {
  const allow = new Set<string>([...implemented, "OPTIONS"]);
  if (allow.has("GET")) allow.add("HEAD");
  return [...allow].sort().join(", ");
}

/**
 * 405 method_not_allowed handlers for every method but `implemented` (and HEAD when GET is),
 * and OPTIONS: 204 with the same Allow.
 */
export function otherMethods(...implemented: RouteMethod[]): Record<RouteMethod | "OPTIONS", Handler> {
  const allow = allowHeader(implemented);
  const notAllowed: Handler = function methodNotAllowed(request) {
    return answerRequest(request, async () => {
      const response = errorResponse(new AppError("method_not_allowed"));
      response.headers.set("allow", allow);
      return response;
    });
  };
  const allowedMethods: Handler = function allowedMethods(request) {
    return answerRequest(
      request,
      async () => new Response(null, { status: 204, headers: { allow, "cache-control": "no-store" } }),
    );
  };
  const handlers: Partial<Record<RouteMethod | "OPTIONS", Handler>> = { OPTIONS: allowedMethods };
  for (const method of ROUTE_METHODS) {
    if (!allow.includes(method)) handlers[method] = notAllowed;
  }
  return handlers as Record<RouteMethod | "OPTIONS", Handler>;
}
