import "server-only";
import { getConfig } from "../config";
import { getRpc } from "../db";
import type { DbJob, SweepResult } from "../db/functions";
import * as sql from "../db/functions";
import { logJobFailed } from "../log/job-events";
import { getVideoProvider } from "../providers";
import { getMediaStore } from "../storage";
import { jobFinished } from "./finished";

/**
 * One sweep (docs/architecture.md): the database fails and refunds jobs stuck past their
 * deadline and deletes expired ones in one SQL call, then the media of the deleted jobs goes, the
 * failed jobs are stopped at their provider and their owners told, as for any failed job. Last,
 * the configured remote provider checks every job still in flight (lost webhooks).
 */
export async function sweep(): Promise<SweepResult> {
  const rpc = await getRpc();
  const result = await sql.sweep(rpc);
  await (await getMediaStore()).delete(result.mediaPaths);
  await settleTimedOut(result.failedJobs);
  if (getConfig().videoProvider === "fal") await (await getVideoProvider("fal")).reconcile();
  return result;
}

/**
 * The sweep's rule for one user, before their jobs are read (recover_overdue_jobs): on a host
 * whose cron runs seldom (Vercel Hobby: once a day) nobody waits for a stuck job for long.
 */
export async function recoverOverdueJobs(userId: string): Promise<void> {
  const rpc = await getRpc();
  const { failedJobs } = await sql.recoverOverdueJobs(rpc, { userId });
  await settleTimedOut(failedJobs);
}

/** Jobs failed past their deadline (already refunded) are stopped at their provider and announced. */
async function settleTimedOut(jobs: DbJob[]): Promise<void> {
  for (const job of jobs) logJobFailed(job);
  await Promise.all(jobs.map(async (job) => Promise.all([cancelAtProvider(job), jobFinished(job)])));
}

async function cancelAtProvider(job: DbJob): Promise<void> {
  if (job.provider !== getConfig().videoProvider) return; // its provider is no longer set up here
  await (await getVideoProvider(job.provider)).cancel(job);
}

let running: Promise<SweepResult> | undefined;

/**
 * A sweep that never overlaps another in this process: a caller arriving while one runs (a slow
 * interval tick, a cron request) shares that run instead of starting a second.
 */
export function sweepOnce(): Promise<SweepResult> {
  running ??= sweep().finally(() => {
    running = undefined;
  });
  return running;
}
