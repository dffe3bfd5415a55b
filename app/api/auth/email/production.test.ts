import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";

/**
 * A production server (NODE_ENV=production) in embedded mode with neither SMTP_URL nor
 * DEV_OUTBOX: there is no outbox to read codes from, and no way to send one, so asking for a code
 * is 503 and nothing is stored or "sent". Issue #8: the outbox used to be on here, handing anyone
 * a victim's code.
 */

let route: RouteDb;
let routes: {
  requestCode: (request: Request) => Promise<Response>;
  readOutbox: (request: Request) => Promise<Response>;
  OutboxPage: () => Promise<unknown>;
};

beforeAll(async () => {
  route = await openRouteDatabase();
  vi.resetModules();
  vi.stubEnv("NODE_ENV", "production");
  vi.stubEnv("LOG_LEVEL", "silent"); // production logs at info; a test stays quiet
  vi.stubEnv("DEV_OUTBOX", "");
  vi.stubEnv("SMTP_URL", "");
  vi.stubEnv("MAIL_FROM", "");
  routes = {
    requestCode: (await import("./route")).POST,
    readOutbox: (await import("@/app/api/dev/outbox/route")).GET,
    OutboxPage: (await import("@/app/dev/outbox/page")).default,
  };
  // A code already in the table (from an earlier run with the outbox on) must stay unreadable.
  await route.db.query(
    "insert into auth.outbox (to_email, subject, body, code) values ('victim@example.com', 's', 'b', '424242')",
  );
});
afterAll(() => route.close());

test("GET /api/dev/outbox is 404 not_found, with or without a filter, and lists no code", async () => {
  for (const query of ["", "?email=victim%40example.com"]) {
    const response = await new TestBrowser().call(routes.readOutbox, `/api/dev/outbox${query}`);
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(JSON.parse(body).error.code).toBe("not_found");
    expect(body).not.toContain("424242");
  }
});

test("the /dev/outbox page is not found", async () => {
  await expect(routes.OutboxPage()).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
});

test("POST /api/auth/email is 503 service_unavailable and sends and stores nothing", async () => {
  const count = async () =>
    (
      await route.db.query<{ n: number }>(
        "select (select count(*) from auth.outbox)::int + (select count(*) from auth.one_time_codes)::int as n",
      )
    ).rows[0]?.n;
  const before = await count();
  const response = await new TestBrowser().call(routes.requestCode, "/api/auth/email", {
    json: { email: "victim@example.com" },
    headers: { "x-forwarded-for": "203.0.113.7" },
  });
  expect(response.status).toBe(503);
  expect((await response.json()).error.code).toBe("service_unavailable");
  expect(await count()).toBe(before);
});
