import { expect, test } from "vitest";
import { errorBodySchema } from "@/lib/contracts/api";
import { allowHeader, ROUTE_METHODS, type RouteMethod } from "@/lib/server/route-methods";
import { loadApiRoutes } from "@/scripts/test-support/api-routes";

/**
 * Every route module on disk answers every method: its own handlers, and for the rest
 * `otherMethods(...)`'s 405 method_not_allowed in the API's error shape with an Allow header, and
 * OPTIONS 204 with the same Allow. (Next's own answer to a method a module lacks is an empty 405
 * without Allow, and its OPTIONS would list every exported method.)
 */

const routes = await loadApiRoutes();

test.each(routes.map((r) => [r.pattern, r] as const))("%s exports every method", async (_, route) => {
  for (const method of ROUTE_METHODS) {
    // Next answers HEAD with GET when a module has no HEAD of its own.
    if (method === "HEAD" && route.handlers.GET) continue;
    expect(route.handlers[method], method).toBeTypeOf("function");
  }
});

test.each(routes.filter((r) => r.pattern !== "/api/[...path]").map((r) => [r.pattern, r] as const))(
  "%s answers the methods it lacks with 405 JSON and Allow",
  async (_, route) => {
    const notAllowed = ROUTE_METHODS.filter((m) => route.handlers[m]?.name === "methodNotAllowed");
    const own = ROUTE_METHODS.filter((m) => !notAllowed.includes(m) && m !== "HEAD") as RouteMethod[];
    expect(own.length, "the route's own methods").toBeGreaterThan(0);
    for (const method of notAllowed) {
      const handler = route.handlers[method];
      if (!handler) throw new Error(`${method} missing`);
      const response = await handler(new Request(`http://localhost:3000${route.pattern}`, { method }), {
        params: Promise.resolve({}),
      });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow"), method).toBe(allowHeader(own));
      if (method === "HEAD") continue;
      const body = errorBodySchema.parse(await response.json());
      expect(body.error.code).toBe("method_not_allowed");
    }
    const options = await route.handlers.OPTIONS?.(
      new Request(`http://localhost:3000${route.pattern}`, { method: "OPTIONS" }),
      { params: Promise.resolve({}) },
    );
    expect(options?.status).toBe(204);
    expect(options?.headers.get("allow")).toBe(allowHeader(own));
  },
);
