import { expect, test } from "vitest";
import type { Job } from "@/lib/contracts/job";
import { isNewerJob } from "./job-updates";

const base = { id: "6f1d6c2e-0000-4000-8000-000000000001", progress: null } as unknown as Job;
const job = (status: Job["status"], progress: number | null = null): Job => ({ ...base, status, progress });

test("a worker update never takes the page's job a step back", () => {
  expect(isNewerJob(undefined, job("pending"))).toBe(true);
  expect(isNewerJob(job("pending"), job("processing", 0.1))).toBe(true);
  expect(isNewerJob(job("processing", 0.5), job("processing", 0.6))).toBe(true);
  expect(isNewerJob(job("processing", 0.5), job("processing", 0.4))).toBe(false);
  expect(isNewerJob(job("processing", 0.9), job("completed", 1))).toBe(true);
  expect(isNewerJob(job("completed", 1), job("processing", 0.9))).toBe(false);
  expect(isNewerJob(job("failed"), job("pending"))).toBe(false);
  // Same final state again: fresher signed media links are welcome.
  expect(isNewerJob(job("completed", 1), job("completed", 1))).toBe(true);
});
