import { expect, test } from "vitest";
import { isErrorsWanted, parseWorkerError, workerErrorMessage } from "./errors";

test("a worker error becomes a message with its name, message and stack, and reads back the same", () => {
  const error = new TypeError("cache gone");
  const message = workerErrorMessage(error);
  expect(message).toEqual({
    type: "worker-error",
    name: "TypeError",
    message: "cache gone",
    stack: error.stack,
  });
  expect(parseWorkerError(structuredClone(message))).toEqual(message);
});

test("a rejection that is not an Error still says what it was", () => {
  expect(workerErrorMessage("quota exceeded")).toMatchObject({ name: "Error", message: "quota exceeded" });
});

test("anything else is not a worker error, and long texts are cut", () => {
  for (const data of [
    null,
    "worker-error",
    { type: "job-update" },
    { type: "worker-error", name: 1, message: "x" },
  ]) {
    expect(parseWorkerError(data)).toBeNull();
  }
  const long = parseWorkerError({ type: "worker-error", name: "Error", message: "x".repeat(10_000) });
  expect(long?.message).toHaveLength(4000);
  expect(isErrorsWanted({ type: "worker-errors-wanted" })).toBe(true);
  expect(isErrorsWanted({ type: "worker-error" })).toBe(false);
});
