import { operations } from "../../contracts/operations";

/** Any /api path no route has is answered by the catch-all (app/api/[...path]/route.ts). */
export const CATCH_ALL_ROUTE = "/api/[...path]";

/** Each API path template as its route file spells it (`/api/jobs/[id]`), with a pattern for paths. */
const routes = [...new Set(operations.map((operation) => operation.path))].map((template) => ({
  route: template.replace("{path}", "[...path]").replace(/\{([^}]+)\}/g, "[$1]"),
  pattern: new RegExp(
    `^${template
      .replace(/\./g, "\\.")
      .replace("{path}", ".+")
      .replace(/\{[^}]+\}/g, "[^/]+")}$`,
  ),
}));

/** The route answering `pathname` (percent-encoded, as in a URL), never the values in it. */
export function routeTemplate(pathname: string): string {
  return routes.find(({ pattern }) => pattern.test(pathname))?.route ?? CATCH_ALL_ROUTE;
}
