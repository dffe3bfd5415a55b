import { describe, expect, test } from "vitest";
import {
  aspectRatioValue,
  failureCode,
  formatElapsed,
  isLongWait,
  jobClockStart,
  LONG_WAIT_MS,
  mediaBoxWidth,
  progressPercent,
  videoFileName,
} from "./format";

test("formatElapsed", () => {
  expect(formatElapsed(0)).toBe("0:00");
  expect(formatElapsed(7_900)).toBe("0:07");
  expect(formatElapsed(754_000)).toBe("12:34");
  expect(formatElapsed(3_723_000)).toBe("1:02:03");
  expect(formatElapsed(-5_000)).toBe("0:00");
});

describe("job clock", () => {
  const createdAt = "2026-11-25T10:00:00.000Z";
  const startedAt = "2026-11-25T10:00:30.000Z";
  test("processing counts from the start, queued from creation", () => {
    expect(jobClockStart({ status: "processing", createdAt, startedAt })).toBe(Date.parse(startedAt));
    expect(jobClockStart({ status: "processing", createdAt, startedAt: null })).toBe(Date.parse(createdAt));
    expect(jobClockStart({ status: "pending", createdAt, startedAt: null })).toBe(Date.parse(createdAt));
  });

  test("a long wait is 20 minutes in flight", () => {
    const t0 = Date.parse(createdAt);
    expect(isLongWait({ status: "processing", createdAt }, t0 + LONG_WAIT_MS - 1)).toBe(false);
    expect(isLongWait({ status: "processing", createdAt }, t0 + LONG_WAIT_MS)).toBe(true);
    expect(isLongWait({ status: "pending", createdAt }, t0 + LONG_WAIT_MS)).toBe(true);
    expect(isLongWait({ status: "completed", createdAt }, t0 + LONG_WAIT_MS * 2)).toBe(false);
  });
});

test("aspectRatioValue", () => {
  expect(aspectRatioValue("16:9")).toBeCloseTo(16 / 9);
  expect(aspectRatioValue("9:16")).toBeCloseTo(9 / 16);
  expect(aspectRatioValue("1:1")).toBe(1);
  expect(aspectRatioValue("auto")).toBeNull();
  expect(aspectRatioValue("0:9")).toBeNull();
});

test("mediaBoxWidth narrows portrait boxes instead of letterboxing", () => {
  expect(mediaBoxWidth(9 / 16, "70dvh")).toBe("min(100%, calc(70dvh * 0.5625))");
});

test("failureCode keeps catalogue codes only", () => {
  expect(failureCode("provider_error")).toBe("provider_error");
  expect(failureCode("ffmpeg exploded")).toBeNull();
  expect(failureCode(null)).toBeNull();
});

test("progressPercent", () => {
  expect(progressPercent(null)).toBeNull();
  expect(progressPercent(0.456)).toBe(46);
  expect(progressPercent(1.2)).toBe(100);
  expect(progressPercent(Number.NaN)).toBeNull();
});

test("videoFileName matches the download name", () => {
  expect(
    videoFileName({
      model: { id: "x", slug: "ltx-2-fast", name: "LTX", typicalSeconds: 40 },
      createdAt: "2026-11-25T10:00:00Z",
    }),
  ).toBe("rendio-ltx-2-fast-2026-11-25.mp4");
});
