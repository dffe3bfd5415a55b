import type { DbJob } from "../db/functions";

export type ProviderName = "local" | "fal";

/**
 * What turns a charged job into a video. generate_video has already charged the user and
 * created the job when a provider first sees it; the provider moves the job through the SQL
 * transitions (lib/server/jobs/transitions.ts) and never charges or refunds on its own. Every
 * method may be called more than once for the same job, from more than one server instance.
 */
export interface VideoProvider {
  readonly name: ProviderName;
  /**
   * A job generate_video just created: hand it over, and resolve with the job as it then is. A
   * refusal fails and refunds it; only our own database failing makes this throw.
   */
  start(job: DbJob): Promise<DbJob>;
  /** A status read saw this job still in flight: catch up with the provider if due; the job as it now is. */
  refresh(job: DbJob): Promise<DbJob>;
  /** The sweeper's pass over every job of this provider still in flight (restarts, lost webhooks). */
  reconcile(): Promise<void>;
  /** The job was failed and refunded here (its deadline passed): stop it at the provider. Never throws. */
  cancel(job: DbJob): Promise<void>;
}
