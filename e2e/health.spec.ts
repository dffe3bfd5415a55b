import { expect, test } from "@playwright/test";

test("GET /api/health answers ok with the run mode", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.ok).toBe(true);
  expect(typeof body.mode).toBe("string");
  expect(body.mode.length).toBeGreaterThan(0);
});
