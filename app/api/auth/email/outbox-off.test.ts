import { afterAll, beforeAll, expect, test, vi } from "vitest";

/**
 * A server with the local outbox switched off (DEV_OUTBOX=false, as a production server has by
 * default): no code can be delivered, so asking for one is 503 and the outbox is 404. The
 * config is read once per process, so the environment is set before the routes load.
 */

beforeAll(() => {
  vi.stubEnv("DEV_OUTBOX", "false");
  vi.stubEnv("DATABASE_URL", "");
  vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", "");
});
afterAll(() => {
  vi.unstubAllEnvs();
});

test("POST /api/auth/email answers 503 service_unavailable", async () => {
  const { POST } = await import("./route");
  const response = await POST(
    new Request("http://localhost:3000/api/auth/email", {
      method: "POST",
      body: JSON.stringify({ email: "someone@example.com" }),
      headers: { "content-type": "application/json", origin: "http://localhost:3000" },
    }),
  );
  expect(response.status).toBe(503);
  expect((await response.json()).error.code).toBe("service_unavailable");
});

test("GET /api/dev/outbox and the /dev/outbox page are not found", async () => {
  const { GET } = await import("@/app/api/dev/outbox/route");
  const response = await GET(new Request("http://localhost:3000/api/dev/outbox"));
  expect(response.status).toBe(404);
  const { default: OutboxPage } = await import("@/app/dev/outbox/page");
  await expect(OutboxPage()).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
});
