import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { logger } from "@/lib/server/log/logger";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import { POST } from "./route";

/** The real route: what a sampled page view's beacon carries becomes one log line per metric. */

let route: RouteDb;

beforeAll(async () => {
  route = await openRouteDatabase();
});
afterAll(() => route.close());

/** Watches the server's logger; stop() ends watching and gives the "web vital" lines' fields. */
function logged() {
  const info = vi.spyOn(logger(), "info");
  return {
    stop() {
      const lines = info.mock.calls
        .filter(([, message]) => message === "web vital")
        .map(([fields]) => fields);
      info.mockRestore();
      return lines;
    },
  };
}

const beacon = {
  route: "/create/[modelId]",
  metrics: [
    { name: "TTFB", value: 84.2, rating: "good", navigationType: "navigate" },
    { name: "LCP", value: 1830, rating: "good", navigationType: "navigate" },
    { name: "CLS", value: 0.02, rating: "good", navigationType: "navigate" },
    { name: "INP", value: 260, rating: "needs-improvement", navigationType: "navigate" },
  ],
};

test("a valid beacon is 204 and one log line per metric, named by the page's route template", async () => {
  const log = logged();
  const response = await new TestBrowser().call(POST, "/api/vitals", { json: beacon });
  expect(response.status).toBe(204);
  expect(await response.text()).toBe("");
  expect(log.stop()).toEqual([
    { vital: "TTFB", value: 84.2, rating: "good", page: "/create/[modelId]", navigationType: "navigate" },
    { vital: "LCP", value: 1830, rating: "good", page: "/create/[modelId]", navigationType: "navigate" },
    { vital: "CLS", value: 0.02, rating: "good", page: "/create/[modelId]", navigationType: "navigate" },
    {
      vital: "INP",
      value: 260,
      rating: "needs-improvement",
      page: "/create/[modelId]",
      navigationType: "navigate",
    },
  ]);
});

const metric = beacon.metrics[1];
const bad: [string, unknown][] = [
  [
    "a path instead of a route template",
    { ...beacon, route: "/v/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG" },
  ],
  ["an unknown metric", { ...beacon, metrics: [{ ...metric, name: "FID" }] }],
  ["a negative value", { ...beacon, metrics: [{ ...metric, value: -1 }] }],
  ["a value as text", { ...beacon, metrics: [{ ...metric, value: "1830" }] }],
  ["an unknown rating", { ...beacon, metrics: [{ ...metric, rating: "great" }] }],
  ["an unknown navigation type", { ...beacon, metrics: [{ ...metric, navigationType: "teleport" }] }],
  ["no metrics", { ...beacon, metrics: [] }],
  ["too many metrics", { ...beacon, metrics: Array.from({ length: 9 }, () => metric) }],
  ["an extra field carrying data", { ...beacon, metrics: [{ ...metric, url: "/jobs/1?email=a@b.co" }] }],
  ["not an object", [beacon]],
];

test("a beacon sent as text/plain, as sendBeacon sends a string, is read the same way", async () => {
  const log = logged();
  const response = await new TestBrowser().call(POST, "/api/vitals", {
    body: JSON.stringify(beacon),
    headers: { "content-type": "text/plain;charset=UTF-8" },
  });
  expect(response.status).toBe(204);
  expect(log.stop()).toHaveLength(4);
});

test("a body that is not JSON, or of another type, is 400 and logs nothing", async () => {
  for (const [body, type] of [
    ["route=/", "application/x-www-form-urlencoded"],
    ["{not json", "text/plain"],
  ]) {
    const log = logged();
    const response = await new TestBrowser().call(POST, "/api/vitals", {
      body,
      headers: { "content-type": type as string },
    });
    expect(response.status).toBe(400);
    expect(log.stop()).toEqual([]);
  }
});

test.each(bad)("%s is 400 validation_failed and logs nothing", async (_, body) => {
  const log = logged();
  const response = await new TestBrowser().call(POST, "/api/vitals", { json: body });
  const lines = log.stop();
  expect(response.status).toBe(400);
  expect((await response.json()).error.code).toBe("validation_failed");
  expect(lines).toEqual([]);
});

test("a body larger than a beacon is 413 and logs nothing", async () => {
  const log = logged();
  const response = await new TestBrowser().call(POST, "/api/vitals", {
    body: JSON.stringify({ ...beacon, padding: "x".repeat(5000) }),
    headers: { "content-type": "application/json", "content-length": "5040" },
  });
  const lines = log.stop();
  expect(response.status).toBe(413);
  expect(lines).toEqual([]);
});

test("another site's page cannot post vitals (403), and nothing is logged", async () => {
  const log = logged();
  const response = await new TestBrowser().call(POST, "/api/vitals", {
    json: beacon,
    headers: { origin: "https://elsewhere.example" },
  });
  const lines = log.stop();
  expect(response.status).toBe(403);
  expect(lines).toEqual([]);
});
