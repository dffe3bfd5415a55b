import "server-only";
import type { DbJob } from "../db/functions";
import { reportError } from "../log/report";

/**
 * The "job finished" event: what follows a job reaching a final state (completed or failed).
 * Every path that moves a job there — the local runner, a provider's webhook, a status read that
 * asks the provider, the sweeper — calls jobFinished() once, after its SQL transition reported a
 * change (so a replayed webhook announces nothing). Listeners (the push service) subscribe with
 * onJobFinished() when the server starts (lib/server/startup.ts), so jobs/ depends on no service.
 */

export type JobFinishedListener = (job: DbJob) => Promise<void>;

/**
 * Listeners by name, on globalThis: Next loads this module once per bundle (instrumentation, each
 * route), and the listeners registered at start must be heard from every route.
 */
const holder = globalThis as typeof globalThis & { __rendioJobFinished?: Map<string, JobFinishedListener> };

function listeners(): Map<string, JobFinishedListener> {
  holder.__rendioJobFinished ??= new Map();
  return holder.__rendioJobFinished;
}

/** Subscribes `listener` under `name`; subscribing a name again replaces its listener (hot reload). */
export function onJobFinished(name: string, listener: JobFinishedListener): void {
  listeners().set(name, listener);
}

/** Tells every listener that the job is completed or failed. Never throws. */
export async function jobFinished(job: DbJob): Promise<void> {
  await Promise.all(
    Array.from(listeners(), async ([name, listener]) => {
      try {
        await listener(job);
      } catch (error) {
        reportError(error, "a job-finished listener failed", { listener: name, jobId: job.id });
      }
    }),
  );
}
