import { describe, expect, test } from "vitest";
import {
  aboutDuration,
  aboutDurationText,
  aspectRatioValue,
  failureCode,
  formatElapsed,
  isLongWait,
  jobClockStart,
  LONG_WAIT_MS,
  mediaBoxWidth,
  progressPercent,
  refusedInput,
  stageView,
  typicalSecondsOf,
  videoFileName,
} from "./job";

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

test("failureCode keeps catalogue codes and the deadline's timeout only", () => {
  expect(failureCode("provider_error")).toBe("provider_error");
  expect(failureCode("content_rejected")).toBe("content_rejected");
  expect(failureCode("input_rejected")).toBe("input_rejected");
  expect(failureCode("timeout")).toBe("timeout");
  expect(failureCode("ffmpeg exploded")).toBeNull();
  expect(failureCode(null)).toBeNull();
});

test("refusedInput: the model's refusals, not the service's failures", () => {
  expect(refusedInput("content_rejected")).toBe(true);
  expect(refusedInput("input_rejected")).toBe(true);
  expect(refusedInput("provider_error")).toBe(false);
  expect(refusedInput("timeout")).toBe(false);
  expect(refusedInput(null)).toBe(false);
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

describe("stageView", () => {
  const createdAt = "2026-11-25T10:00:00.000Z";
  const startedAt = "2026-11-25T10:00:30.000Z";
  const model = { id: "x", slug: "veo", name: "Veo", typicalSeconds: 90 };
  const settings = { durationSeconds: 4, resolution: "480p", aspectRatio: "16:9", audio: true };
  const fal = {
    status: "processing" as const,
    provider: "fal" as const,
    progress: null,
    queuePosition: null,
    createdAt,
    startedAt,
    model,
    settings,
  };
  const at = (seconds: number) => Date.parse(startedAt) + seconds * 1000;

  test("a queued job shows its place in line, or none when the provider does not say", () => {
    expect(stageView({ ...fal, status: "pending", startedAt: null, queuePosition: 3 }, at(0))).toEqual({
      kind: "queued",
      position: 3,
    });
    expect(stageView({ ...fal, status: "pending", startedAt: null }, at(0))).toEqual({
      kind: "queued",
      position: null,
    });
  });

  test("a local job keeps its own percentage, with the clock against the renderer's own time", () => {
    // 4 s at 480p: about 6 s of rendering, not the AI model's 90 s.
    expect(stageView({ ...fal, provider: "local", progress: 0.42 }, at(5))).toEqual({
      kind: "percent",
      percent: 42,
      elapsedMs: 5_000,
      typicalMs: 6_000,
      overdue: false,
    });
    expect(stageView({ ...fal, provider: "local" }, at(7))).toMatchObject({
      kind: "percent",
      percent: null,
      overdue: true,
    });
  });

  test("a fal job runs against the model's usual time, never a percentage", () => {
    expect(stageView(fal, at(72))).toEqual({
      kind: "estimate",
      elapsedMs: 72_000,
      typicalMs: 90_000,
      overdue: false,
    });
    expect(stageView(fal, at(90))).toMatchObject({ overdue: false });
    expect(stageView(fal, at(91))).toMatchObject({ elapsedMs: 91_000, overdue: true });
    expect(stageView(fal, null)).toEqual({
      kind: "estimate",
      elapsedMs: null,
      typicalMs: 90_000,
      overdue: false,
    });
    // Clock skew (a start "in the future") reads as no time yet, not negative time.
    expect(stageView(fal, at(-3))).toMatchObject({ elapsedMs: 0, overdue: false });
  });
});

test("aboutDuration rounds a usual time the way a person says it", () => {
  expect(aboutDuration(40)).toEqual({ unit: "seconds", minutes: 0, seconds: 40 });
  expect(aboutDuration(42)).toEqual({ unit: "seconds", minutes: 0, seconds: 40 });
  expect(aboutDuration(1)).toEqual({ unit: "seconds", minutes: 0, seconds: 5 });
  expect(aboutDuration(58)).toEqual({ unit: "minutes", minutes: 1, seconds: 0 });
  expect(aboutDuration(90)).toEqual({ unit: "minutesSeconds", minutes: 1, seconds: 30 });
  expect(aboutDuration(94)).toEqual({ unit: "minutesSeconds", minutes: 1, seconds: 30 });
  expect(aboutDuration(120)).toEqual({ unit: "minutes", minutes: 2, seconds: 0 });
  expect(aboutDuration(725)).toEqual({ unit: "minutes", minutes: 12, seconds: 0 });
});

describe("typicalSecondsOf: the wait announced follows the provider's estimate", () => {
  const model = { id: "x", slug: "veo", name: "Veo", typicalSeconds: 60 };
  const say = (seconds: number) =>
    aboutDurationText(seconds, (unit, { minutes, seconds: s }) =>
      unit === "seconds" ? `${s} s` : unit === "minutes" ? `${minutes} min` : `${minutes} min ${s} s`,
    );

  test("fal: the model's catalog time", () => {
    const job = {
      provider: "fal" as const,
      model,
      settings: { durationSeconds: 8, resolution: "720p", aspectRatio: "16:9", audio: true },
    };
    expect(typicalSecondsOf(job)).toBe(60);
    expect(say(typicalSecondsOf(job))).toBe("1 min");
  });

  test("local: the preview renderer's time for these settings, never 'about a minute' for a short render", () => {
    const short = {
      provider: "local" as const,
      model,
      settings: { durationSeconds: 4, resolution: "480p", aspectRatio: "9:16", audio: false },
    };
    expect(typicalSecondsOf(short)).toBeLessThan(15);
    expect(say(typicalSecondsOf(short))).toMatch(/^\d+ s$/);
    const longer = { ...short, settings: { ...short.settings, durationSeconds: 8, resolution: "1080p" } };
    expect(typicalSecondsOf(longer)).toBeGreaterThan(typicalSecondsOf(short));
    expect(typicalSecondsOf(longer)).toBeLessThan(60);
  });
});
