import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { POST as requestCode } from "@/app/api/auth/email/route";
import { GET as getJob } from "@/app/api/jobs/[id]/route";
import { POST as createJob } from "@/app/api/jobs/route";
import { GET as getMe } from "@/app/api/me/route";
import { captureLogs, type LogLine } from "@/scripts/test-support/log-lines";
import { newGuest, openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";

/**
 * Request ids and request lines over the real route handlers and database: every answer carries
 * `x-request-id`, each request writes exactly one line at info with its route template, status,
 * duration, user and error code, and nothing personal (emails, prompts, cookies) reaches the log.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let route: RouteDb;
beforeAll(async () => {
  route = await openRouteDatabase();
});
afterAll(async () => {
  await route?.close();
});

function requestLines(lines: LogLine[], requestId: string | null): LogLine[] {
  return lines.filter((line) => line.msg === "request" && line.requestId === requestId);
}

test("each answer has its own new request id and exactly one request line with the route's template", async () => {
  const logs = await captureLogs();
  try {
    const { browser, userId } = await newGuest();
    const missing = randomUUID();
    const response = await browser.call(getJob, `/api/jobs/${missing}?q=holiday`, {
      params: { id: missing },
    });
    expect(response.status).toBe(404);
    const requestId = response.headers.get("x-request-id");
    expect(requestId).toMatch(UUID);
    expect(requestLines(logs.lines, requestId)).toEqual([
      {
        level: "info",
        time: expect.any(String),
        msg: "request",
        requestId,
        method: "GET",
        route: "/api/jobs/[id]",
        status: 404,
        durationMs: expect.any(Number),
        userId,
        code: "job_not_found",
      },
    ]);
    const again = await browser.call(getMe, "/api/me");
    expect(again.status).toBe(200);
    const second = again.headers.get("x-request-id");
    expect(second).toMatch(UUID);
    expect(second).not.toBe(requestId);
    const [line] = requestLines(logs.lines, second);
    expect(line).toMatchObject({ route: "/api/me", status: 200, userId });
    expect(line).not.toHaveProperty("code");
    const text = JSON.stringify(logs.lines);
    expect(text).not.toContain(missing);
    expect(text).not.toContain("holiday");
  } finally {
    logs.stop();
  }
});

test("no email, prompt or cookie reaches the log, and every line a request causes carries its id", async () => {
  const logs = await captureLogs();
  try {
    const { browser, userId } = await newGuest();
    const email = `logs-${randomUUID()}@example.com`;
    const sent = await browser.call(requestCode, "/api/auth/email", { json: { email } });
    expect(sent.status).toBe(202);
    const prompt = `A lighthouse keeper's secret ${randomUUID()}`;
    const { rows } = await route.db.query<{ id: string }>(
      "select id from public.models where slug = 'ltx-2-fast'",
    );
    const created = await browser.call(createJob, "/api/jobs", {
      json: { modelId: rows[0]?.id, prompt, settings: {} },
      headers: { "idempotency-key": randomUUID() },
    });
    expect(created.status).toBe(202);
    const jobId = (await created.json()).job.id;
    const requestId = created.headers.get("x-request-id");

    // Asking for a code reads no session: its line has no user.
    expect(requestLines(logs.lines, sent.headers.get("x-request-id"))).toMatchObject([
      { route: "/api/auth/email", method: "POST", status: 202 },
    ]);
    const jobLines = logs.lines.filter((line) => line.jobId === jobId);
    expect(jobLines.map((line) => line.msg).slice(0, 2)).toEqual(["job created", "job submitted"]);
    for (const line of jobLines.slice(0, 2)) {
      expect(line).toMatchObject({ requestId, userId, provider: "local", model: "ltx-2-fast" });
      expect(line.credits).toBeGreaterThan(0);
    }
    expect(requestLines(logs.lines, requestId)).toMatchObject([{ route: "/api/jobs", status: 202, userId }]);

    const text = JSON.stringify(logs.lines);
    expect(text).not.toContain(email);
    expect(text).not.toContain(prompt);
    expect(browser.cookies.size).toBeGreaterThan(0);
    for (const value of browser.cookies.values()) expect(text).not.toContain(decodeURIComponent(value));
  } finally {
    logs.stop();
  }
});

async function healthRouteWith(trustProxy: string) {
  vi.resetModules();
  vi.stubEnv("TRUST_PROXY", trustProxy);
  return (await import("@/app/api/health/route")).GET;
}

async function idFor(trustProxy: string, headers: Record<string, string>): Promise<string | null> {
  const GET = await healthRouteWith(trustProxy);
  const response = await new TestBrowser().call(GET, "/api/health", { headers });
  expect(response.status).toBe(200);
  return response.headers.get("x-request-id");
}

test("a proxy's request id is used only when TRUST_PROXY says that proxy is there, and only a plain one", async () => {
  const vercelId = "fra1::iad1::abcde-1700000000000-0123456789ab";
  const forwarded = { "x-forwarded-for": "10.1.2.3" };
  // No proxy: whatever a client sends is its own invention.
  expect(await idFor("none", { "x-request-id": "from-a-client" })).toMatch(UUID);
  expect(await idFor("none", { "x-vercel-id": vercelId })).toMatch(UUID);
  // One proxy that sets x-request-id.
  expect(await idFor("1", { ...forwarded, "x-request-id": "proxy-7f3a.01" })).toBe("proxy-7f3a.01");
  expect(await idFor("1", { ...forwarded, "x-vercel-id": vercelId })).toMatch(UUID);
  for (const bad of ["has space", 'quote"d', "x".repeat(129), ""]) {
    expect(await idFor("1", { ...forwarded, "x-request-id": bad }), bad).toMatch(UUID);
  }
  // Vercel: its own id, never a client's x-request-id.
  expect(await idFor("vercel", { "x-vercel-id": vercelId })).toBe(vercelId);
  expect(await idFor("vercel", { "x-request-id": "from-a-client" })).toMatch(UUID);
});
