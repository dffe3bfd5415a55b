import { expect, test } from "vitest";
import { isFinalStatus, pollDelayMs } from "./jobs-polling";

test("job polling backs off 1, 2, 4, 8 s and stays at 8 s", () => {
  expect([0, 1, 2, 3, 4, 10].map((polls) => pollDelayMs(polls))).toEqual([
    1000, 2000, 4000, 8000, 8000, 8000,
  ]);
});

test("a job that reports a percentage is asked every 2 s at most", () => {
  expect([0, 1, 2, 3, 10].map((polls) => pollDelayMs(polls, true))).toEqual([1000, 2000, 2000, 2000, 2000]);
});

test("only completed and failed are final", () => {
  expect(["pending", "processing", "completed", "failed", "other"].map(isFinalStatus)).toEqual([
    false,
    false,
    true,
    true,
    false,
  ]);
});
