import { expect, test, vi } from "vitest";
import { AppError, isAppError } from "./errors";

test("an AppError from another copy of this module is still recognised, with its code", async () => {
  vi.resetModules();
  // @ts-expect-error: the query makes Vite load a second copy of the module, as two bundles would
  const other: typeof import("./errors") = await import("./errors?copy");
  const foreign = new other.AppError("insufficient_credits");
  expect(foreign).not.toBeInstanceOf(AppError);
  expect(isAppError(foreign)).toBe(true);
  expect(isAppError(foreign, "insufficient_credits")).toBe(true);
  expect(isAppError(foreign, "job_not_found")).toBe(false);
});

test("plain errors and look-alikes are not AppErrors", () => {
  expect(isAppError(new Error("insufficient_credits"))).toBe(false);
  expect(isAppError({ name: "AppError", code: "forbidden" })).toBe(false);
  expect(isAppError(null)).toBe(false);
});
