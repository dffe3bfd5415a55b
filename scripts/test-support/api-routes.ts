import { readdirSync } from "node:fs";
import path from "node:path";

/**
 * Every API route on disk (app/api/**\/route.ts) with the HTTP methods its module exports, so a
 * suite that walks "every route" covers a route added later without being edited.
 */

export const HTTP_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

// biome-ignore lint/suspicious/noExplicitAny: each route types its own params
export type RouteHandler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;

export type ApiRoute = {
  /** The file, relative to the repository, e.g. app/api/jobs/[id]/route.ts. */
  file: string;
  /** The URL pattern, e.g. /api/jobs/[id]. */
  pattern: string;
  /** Dynamic segments in order: `[id]` is one string, `[...path]` an array. */
  params: { name: string; catchAll: boolean }[];
  handlers: Partial<Record<HttpMethod, RouteHandler>>;
};

const root = path.resolve(import.meta.dirname, "../..");

/** The route files under app/api, sorted. */
export function apiRouteFiles(): string[] {
  return readdirSync(path.join(root, "app/api"), { recursive: true, encoding: "utf8" })
    .filter((name) => path.basename(name) === "route.ts")
    .map((name) => path.posix.join("app/api", name.split(path.sep).join("/")))
    .sort();
}

export function routePattern(file: string): string {
  return `/${path.posix.dirname(file).replace(/^app\//, "")}`;
}

export async function loadApiRoutes(): Promise<ApiRoute[]> {
  const routes: ApiRoute[] = [];
  for (const file of apiRouteFiles()) {
    const mod = (await import(path.join(root, file))) as Record<string, unknown>;
    const handlers: ApiRoute["handlers"] = {};
    for (const method of HTTP_METHODS) {
      const handler = mod[method];
      if (typeof handler === "function") handlers[method] = handler as RouteHandler;
    }
    const pattern = routePattern(file);
    const params = [...pattern.matchAll(/\[(\.\.\.)?([^\]]+)\]/g)].map((m) => ({
      name: m[2] as string,
      catchAll: Boolean(m[1]),
    }));
    routes.push({ file, pattern, params, handlers });
  }
  return routes;
}
