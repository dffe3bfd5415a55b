import type { DbJob } from "../db/functions";
import { logger } from "./logger";

export type JobEvent = "created" | "submitted" | "provider answered" | "completed" | "failed" | "refunded";

/**
 * One line per step of a job's life, each with the job's id, owner, model, provider and credits
 * (never its prompt). Written inside a request, it carries that request's id too.
 */
export function logJobEvent(event: JobEvent, job: DbJob, details: Record<string, unknown> = {}): void {
  logger().info(
    {
      event: `job.${event.replace(" ", "_")}`,
      jobId: job.id,
      userId: job.userId,
      model: job.model.slug,
      provider: job.provider,
      credits: job.creditsUsed,
      ...details,
    },
    `job ${event}`,
  );
}

/** A job that has just failed (this call's change): the failure with its code, then the refund. */
export function logJobFailed(job: DbJob): void {
  logJobEvent("failed", job, { errorCode: job.errorCode });
  if (job.refunded) logJobEvent("refunded", job);
}
