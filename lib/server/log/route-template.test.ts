import { expect, test } from "vitest";
import { apiRouteFiles, routePattern } from "@/scripts/test-support/api-routes";
import { CATCH_ALL_ROUTE, routeTemplate } from "./route-template";

/** A path each route on disk answers, its values filled in (`/api/jobs/[id]` → `/api/jobs/7f…`). */
function samplePath(pattern: string): string {
  return pattern.replace(/\[\.\.\.[^\]]+\]/g, "videos/u1/j1.mp4").replace(/\[[^\]]+\]/g, "3f2a9c1e-value");
}

test("every route on disk is named by its own template in request lines, never by its values", () => {
  const patterns = apiRouteFiles().map(routePattern);
  expect(patterns.length).toBeGreaterThan(20);
  for (const pattern of patterns) {
    if (pattern === CATCH_ALL_ROUTE) continue;
    expect(routeTemplate(samplePath(pattern)), pattern).toBe(pattern);
  }
});

test("a path no route has is the catch-all's", () => {
  for (const path of ["/api/nope", "/api/jobs/1/2/3", "/api/models/a/b", "/api/health/", "/api"]) {
    expect(routeTemplate(path), path).toBe(CATCH_ALL_ROUTE);
  }
});
