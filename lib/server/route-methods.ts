import { AppError } from "../errors";
import { errorResponse } from "./http";

/**
 * The methods a route handler may export. Next answers a method a route does not export with an
 * empty 405 and no Allow header; each route exports `otherMethods(...)` for the ones it lacks, so
 * the answer is the API's JSON error with Allow. (OPTIONS Next answers itself: 204 with Allow.)
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

/** 405 method_not_allowed handlers for every method but `implemented` (and HEAD when GET is). */
export function otherMethods(...implemented: RouteMethod[]): Record<RouteMethod, Handler> {
  const allow = allowHeader(implemented);
  const notAllowed: Handler = async function methodNotAllowed() {
    const response = errorResponse(new AppError("method_not_allowed"));
    response.headers.set("allow", allow);
    return response;
  };
  const handlers: Partial<Record<RouteMethod, Handler>> = {};
  for (const method of ROUTE_METHODS) {
    if (!allow.includes(method)) handlers[method] = notAllowed;
  }
  return handlers as Record<RouteMethod, Handler>;
}
