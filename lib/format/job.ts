import type { Job } from "@/lib/contracts/job";
import { previewRenderSeconds } from "@/lib/contracts/preview";
import { type ErrorCode, isErrorCode } from "@/lib/errors";

/**
 * Pure helpers that present a job, for the result page, History, Home and Create (no React, so
 * they are unit-tested).
 */

/** After this long in flight the page says the job keeps going and will show up in History. */
export const LONG_WAIT_MS = 20 * 60 * 1000;

/** Elapsed time as m:ss, or h:mm:ss from an hour on; negative clock skew reads as 0:00. */
export function formatElapsed(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${ss}` : `${minutes}:${ss}`;
}

/** When the job's clock starts: processing counts from startedAt, queued from createdAt. */
export function jobClockStart(job: Pick<Job, "status" | "createdAt" | "startedAt">): number {
  const from = job.status === "processing" && job.startedAt ? job.startedAt : job.createdAt;
  return Date.parse(from);
}

export function isLongWait(job: Pick<Job, "status" | "createdAt">, now: number): boolean {
  if (job.status !== "pending" && job.status !== "processing") return false;
  return now - Date.parse(job.createdAt) >= LONG_WAIT_MS;
}

/** "9:16" → 9/16 (width over height); null for "auto" or anything unreadable. */
export function aspectRatioValue(aspectRatio: string): number | null {
  const match = /^(\d{1,3}):(\d{1,3})$/.exec(aspectRatio);
  if (!match) return null;
  const w = Number(match[1]);
  const h = Number(match[2]);
  return w > 0 && h > 0 ? w / h : null;
}

/**
 * The CSS width of a media box with this ratio that fits the column and at most `maxHeight`
 * (a CSS length): portrait videos get narrower instead of letterboxed.
 */
export function mediaBoxWidth(ratio: number, maxHeight: string): string {
  return `min(100%, calc(${maxHeight} * ${Number(ratio.toFixed(5))}))`;
}

/**
 * The `errors.<key>` that says why a job failed: its catalogue code, or `timeout` (the deadline
 * sweep's code), else null (the generic text).
 */
export function failureCode(errorCode: string | null): ErrorCode | "timeout" | null {
  if (errorCode === "timeout") return errorCode;
  return isErrorCode(errorCode) ? errorCode : null;
}

/** The model refused this prompt or image: trying the very same again will not help. */
export function refusedInput(errorCode: string | null): boolean {
  return errorCode === "content_rejected" || errorCode === "input_rejected";
}

/** Progress as a whole percent 0..100, or null when the provider does not report it. */
export function progressPercent(progress: number | null): number | null {
  if (progress === null || !Number.isFinite(progress)) return null;
  return Math.round(Math.min(1, Math.max(0, progress)) * 100);
}

/**
 * How long this job usually takes, in seconds: the model's catalog time at its provider (fal), or
 * the local preview renderer's own for these settings (seconds, not the AI model's minutes).
 */
export function typicalSecondsOf(job: Pick<Job, "provider" | "settings" | "model">): number {
  return job.provider === "local" ? previewRenderSeconds(job.settings) : job.model.typicalSeconds;
}

/** Time running against the usual time, `overdue` once past it; null until the clock is known. */
type Clock = { elapsedMs: number | null; typicalMs: number; overdue: boolean };

/**
 * What the picture area shows while a job is in flight:
 * - `queued`: waiting to start, at `position` in line (1 = next) when the provider says;
 * - `percent`: the local renderer's own percentage (null until its first report), and the clock;
 * - `estimate`: a provider without a percentage (fal): only the clock against the usual time.
 * `elapsedMs` is null until the clock is known (first render).
 */
export type StageView =
  | { kind: "queued"; position: number | null }
  | ({ kind: "percent"; percent: number | null } & Clock)
  | ({ kind: "estimate" } & Clock);

type InFlightJob = Pick<
  Job,
  "status" | "provider" | "progress" | "queuePosition" | "createdAt" | "startedAt" | "model" | "settings"
>;

export function stageView(job: InFlightJob, now: number | null): StageView {
  if (job.status === "pending") return { kind: "queued", position: job.queuePosition };
  const typicalMs = typicalSecondsOf(job) * 1000;
  const elapsedMs = now === null ? null : Math.max(0, now - jobClockStart(job));
  const clock = { elapsedMs, typicalMs, overdue: elapsedMs !== null && elapsedMs > typicalMs };
  if (job.provider === "local") return { kind: "percent", percent: progressPercent(job.progress), ...clock };
  return { kind: "estimate", ...clock };
}

/**
 * A usual duration as message arguments, rounded as a person would say it "about": to 5 s under a
 * minute, to 10 s under ten minutes, to the minute beyond. `unit` picks the message
 * (`common.duration.<unit>`).
 */
export type DurationUnit = "seconds" | "minutes" | "minutesSeconds";

export function aboutDuration(seconds: number): { unit: DurationUnit; minutes: number; seconds: number } {
  const step = seconds < 60 ? 5 : seconds < 600 ? 10 : 60;
  const rounded = Math.max(5, Math.round(seconds / step) * step);
  const minutes = Math.floor(rounded / 60);
  const rest = rounded % 60;
  if (minutes === 0) return { unit: "seconds", minutes, seconds: rest };
  return { unit: rest === 0 ? "minutes" : "minutesSeconds", minutes, seconds: rest };
}

/** A usual duration in words ("1 min 30 s"), given the `common.duration` translator. */
export function aboutDurationText(
  seconds: number,
  t: (unit: DurationUnit, values: { minutes: number; seconds: number }) => string,
): string {
  const { unit, ...values } = aboutDuration(seconds);
  return t(unit, values);
}

/** A file name for sharing the video: rendio-<model>-<yyyy-mm-dd>.mp4 (matches the download). */
export function videoFileName(job: Pick<Job, "model" | "createdAt">): string {
  return `rendio-${job.model.slug}-${job.createdAt.slice(0, 10)}.mp4`;
}
