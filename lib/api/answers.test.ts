import { expect, test } from "vitest";
import { jobPageResponseSchema } from "../contracts/api";
import { meSchema } from "../contracts/user";
import { checkoutAnswer, errorAnswer, jobPageAnswer, meAnswer } from "./answers";

// The browser's plain checks accept what the server's zod contracts accept, and refuse a field of
// the wrong kind.
const me = {
  id: "6f1d6c2e-0000-4000-8000-000000000001",
  isGuest: true,
  email: null,
  credits: 3,
  language: "en",
  theme: "system",
  createdAt: "2026-01-02T03:04:05.000Z",
};
const job = {
  id: "6f1d6c2e-0000-4000-8000-000000000002",
  status: "completed",
  progress: null,
  queuePosition: null,
  prompt: "a paper boat",
  settings: { durationSeconds: 5, resolution: "720p", aspectRatio: "16:9", audio: false },
  model: { id: "6f1d6c2e-0000-4000-8000-000000000003", slug: "m", name: "M", typicalSeconds: 30 },
  provider: "local",
  themeId: null,
  creditsUsed: 2,
  videoUrl: "/api/media/v.mp4",
  thumbnailUrl: null,
  downloadUrl: null,
  sharePath: null,
  errorCode: null,
  refunded: false,
  createdAt: "2026-01-02T03:04:05.000Z",
  startedAt: null,
  completedAt: "2026-01-02T03:05:05.000Z",
  expiresAt: "2026-01-09T03:04:05.000Z",
};

test("a user and a page of jobs the contracts accept pass the browser's checks", () => {
  expect(meSchema.safeParse(me).success).toBe(true);
  expect(meAnswer(me)).toBe(true);
  const page = { jobs: [job], nextCursor: null };
  expect(jobPageResponseSchema.safeParse(page).success).toBe(true);
  expect(jobPageAnswer(page)).toBe(true);
});

test("a field of the wrong kind, a missing field or an unknown status is refused", () => {
  expect(meAnswer({ ...me, credits: "3" })).toBe(false);
  expect(meAnswer({ ...me, language: "de" })).toBe(false);
  const { prompt: _, ...noPrompt } = job;
  expect(jobPageAnswer({ jobs: [noPrompt], nextCursor: null })).toBe(false);
  expect(jobPageAnswer({ jobs: [{ ...job, status: "queued" }], nextCursor: null })).toBe(false);
  expect(jobPageAnswer([job])).toBe(false);
});

test("checkout answers either a Checkout link or a test purchase; errors carry an optional field", () => {
  expect(checkoutAnswer({ url: "https://checkout.example/x" })).toBe(true);
  expect(checkoutAnswer({ credits: 10, test: true })).toBe(true);
  expect(checkoutAnswer({ credits: 10, test: false })).toBe(false);
  expect(errorAnswer({ error: { code: "validation_failed", message: "bad" } })).toBe(true);
  expect(errorAnswer({ error: { code: "validation_failed", message: "bad", field: 3 } })).toBe(false);
});
