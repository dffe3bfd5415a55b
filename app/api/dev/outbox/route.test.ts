import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";

/**
 * Supabase mode: Supabase Auth sends the mail, so the local outbox does not exist (404) and no
 * database is touched. The config is read once per process, so this file sets the environment
 * before loading the routes.
 */

beforeAll(() => {
  vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", "http://supabase.test");
  vi.stubEnv("NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "sb_publishable_test");
  vi.stubEnv("SUPABASE_SECRET_KEY", "sb_secret_test");
  vi.stubEnv("SESSION_SECRET", "a-session-secret-of-at-least-32-characters");
  vi.stubEnv("DATABASE_URL", "");
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe("in supabase mode", () => {
  test("GET /api/dev/outbox is 404 not_found", async () => {
    const { GET } = await import("./route");
    const response = await GET(new Request("http://localhost:3000/api/dev/outbox?email=a@example.com"));
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  });

  test("the /dev/outbox page is not found either", async () => {
    const { default: OutboxPage } = await import("@/app/dev/outbox/page");
    await expect(OutboxPage()).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
  });

  test("POST /api/auth/apple is 404 when Sign in with Apple is not switched on", async () => {
    const { POST } = await import("@/app/api/auth/apple/route");
    const response = await POST(
      new Request("http://localhost:3000/api/auth/apple", {
        method: "POST",
        body: "next=/profile",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
    );
    expect(response.status).toBe(404);
  });
});
