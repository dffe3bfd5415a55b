import "server-only";
import type { DbJob } from "../db/functions";
import { announceJobFinished } from "../services/push";

/**
 * What follows a job reaching a final state (completed or failed). Every path that moves a job
 * there — the local runner, a provider's webhook, a status read that asks the provider — calls
 * this once, after its SQL transition reported a change (so a replayed webhook announces nothing).
 * It never throws.
 */
export async function jobFinished(job: DbJob): Promise<void> {
  await announceJobFinished(job);
}
