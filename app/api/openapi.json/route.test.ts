import { Validator } from "@seriousme/openapi-schema-validator";
import { expect, test } from "vitest";
import { type Operation, operations } from "@/lib/contracts/operations";
import { ROUTE_METHODS } from "@/lib/server/route-methods";
import { loadApiRoutes } from "@/scripts/test-support/api-routes";
import { document } from "@/scripts/test-support/openapi";
import { GET } from "./route";

/**
 * /api/openapi.json is a valid OpenAPI 3.1 document with every route on disk and nothing else.
 * That real answers match it is checked on every answer of the route tests (TestBrowser).
 */

/** app/api/jobs/[id]/route.ts's pattern /api/jobs/[id] as OpenAPI writes it: /api/jobs/{id}. */
const openApiPath = (pattern: string) => pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, "{$1}");

test("the served document is valid OpenAPI 3.1", async () => {
  const response = await GET(new Request("http://localhost:3000/api/openapi.json"));
  expect(response.status).toBe(200);
  const served = await response.json();
  expect(served.openapi).toBe("3.1.0");
  const validator = new Validator();
  const result = await validator.validate(served);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
});

test("every route's own methods are documented, and nothing else", async () => {
  const onDisk = new Set<string>();
  for (const route of await loadApiRoutes()) {
    if (route.pattern === "/api/[...path]") continue; // the catch-all 404, in the description
    for (const method of ROUTE_METHODS) {
      const handler = route.handlers[method];
      if (!handler || handler.name === "methodNotAllowed") continue;
      onDisk.add(`${method.toLowerCase()} ${openApiPath(route.pattern)}`);
    }
  }
  const documented = new Set(
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m} ${path}`),
    ),
  );
  expect([...documented].sort()).toEqual([...onDisk].sort());
});

test("operation ids are unique and every operation answers something", () => {
  const ids = operations.map((o: Operation) => o.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const operation of operations)
    expect(Object.keys(operation.answers).length, operation.id).toBeGreaterThan(0);
});
