import { readFileSync } from "node:fs";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import path from "node:path";
import { type APIResponse, expect, test } from "@playwright/test";
import { apiRouteFiles, routePattern } from "../scripts/test-support/api-routes";

/**
 * Routing by the real Next server (a route handler test cannot see it): unknown /api paths are
 * JSON not_found, methods a route lacks are JSON method_not_allowed with Allow, and the
 * catch-all shadows no real route. Plain HTTP, so only the desktop project runs it (playwright.config.ts).
 */

async function expectError(response: APIResponse, status: number, code: string) {
  expect(response.status(), `${response.url()}`).toBe(status);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  expect((await response.json()).error.code).toBe(code);
}

test("unknown /api paths answer 404 JSON not_found, whatever the method", async ({ request }) => {
  const paths = [
    "/api/nope",
    "/api/jobs/one/two",
    "/api/models/x/y/z",
    "/api/..%2f..%2fsecret",
    "/api/%00",
    "/api/💥",
    `/api/${"a".repeat(2000)}`,
  ];
  for (const url of paths) {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      await expectError(await request.fetch(url, { method }), 404, "not_found");
    }
  }
});

test("real routes win over the catch-all", async ({ request }) => {
  expect((await request.get("/api/health")).status()).toBe(200);
  expect((await request.head("/api/health")).status()).toBe(200);
  expect((await request.get("/api/models")).status()).toBe(200);
  await expectError(await request.get("/api/models/no-such-model"), 404, "model_not_found");
  await expectError(await request.get("/api/jobs/not-a-uuid"), 401, "unauthorized");
  await expectError(await request.get("/api/media/inputs/x.png"), 403, "forbidden");
});

/** The methods each route file implements, read from its `otherMethods(...)` line. */
function implemented(file: string): string[] | null {
  const source = readFileSync(path.join(import.meta.dirname, "..", file), "utf8");
  const call = source.match(/otherMethods\(([^)]*)\)/);
  return call ? [...(call[1] ?? "").matchAll(/"([A-Z]+)"/g)].map((m) => m[1] as string) : null;
}

test("every route answers the methods it lacks with 405 JSON and Allow", async ({ request }) => {
  let checked = 0;
  for (const file of apiRouteFiles()) {
    const own = implemented(file);
    if (!own) continue; // the catch-all answers everything
    const url = routePattern(file)
      .replace(/\[\.\.\.[^\]]+\]/, "a/b.png")
      .replace(/\[[^\]]+\]/, "00000000-0000-4000-8000-000000000000");
    const allow = new Set([...own, "OPTIONS"]);
    if (allow.has("GET")) allow.add("HEAD");
    const expected = [...allow].sort().join(", ");
    for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"].filter((m) => !allow.has(m))) {
      const response = await request.fetch(url, { method });
      expect(response.status(), `${method} ${url}`).toBe(405);
      expect(response.headers().allow, `${method} ${url}`).toBe(expected);
      if (method !== "HEAD") await expectError(response, 405, "method_not_allowed");
      checked++;
    }
    const options = await request.fetch(url, { method: "OPTIONS" });
    expect(options.status(), `OPTIONS ${url}`).toBe(204);
    expect(options.headers().allow, `OPTIONS ${url}`).toBe(expected);
  }
  expect(checked).toBeGreaterThan(50);
});

/** A raw HTTP request: fetch and Playwright's request context refuse TRACE themselves. */
function rawRequest(
  url: string,
  method: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    request.on("error", reject);
    request.end();
  });
}

test("TRACE, which Next cannot carry, answers 405 JSON from our server, never 500", async ({ baseURL }) => {
  for (const path of ["/api/health", "/api/jobs", "/api/nope", "/"]) {
    const response = await rawRequest(`${baseURL}${path}`, "TRACE");
    expect(response.status, path).toBe(405);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(response.headers.allow).toContain("GET");
    expect(JSON.parse(response.body).error.code).toBe("method_not_allowed");
  }
});

test("paths whose percent-encoding does not decode are refused by our server, never a 500", async ({
  request,
}) => {
  for (const url of ["/api/health/%", "/api/jobs/%E0%A4%A", "/api/media/a/%zz", "/api/%"]) {
    await expectError(await request.get(url), 404, "not_found");
  }
  for (const url of ["/create/%", "/jobs/%E0%A4%A"]) {
    await expectError(await request.get(url), 400, "validation_failed");
  }
});
