/**
 * How a job in flight is watched, shared by the page (lib/api/hooks.ts useJob) and the service
 * worker (lib/sw/job-watch.ts). Plain functions only: the worker bundle imports this file, so
 * no React, SWR or zod here.
 */

/**
 * Polling delays for a job in flight: 1, 2, 4, 8 s, then every 8 s. While the provider reports a
 * percentage (the local renderer) it is every 2 s at most, so the bar follows the work instead of
 * jumping from a first reading to done.
 */
export function pollDelayMs(pollsSoFar: number, reportsProgress = false): number {
  return Math.min(reportsProgress ? 2 : 8, 2 ** pollsSoFar) * 1000;
}

/** A job in one of these states never changes again: polling stops. */
export function isFinalStatus(status: string): status is "completed" | "failed" {
  return status === "completed" || status === "failed";
}
