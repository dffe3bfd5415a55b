import type { DbJob } from "../db/results";

export type ProviderName = "local" | "fal";

/**
 * What turns a charged job into a video. generate_video has already charged the user and
 * created the job when a provider first sees it; the provider moves the job through the SQL
 * transitions (lib/server/jobs/transitions.ts) and never charges or refunds on its own. Every
 * method may be called more than once for the same job, from more than one server instance.
 */
export interface VideoProvider {
  readonly name: ProviderName;
  /** A job generate_video just created: hand it over. Never throws; a refusal fails and refunds it. */
  start(job: DbJob): Promise<void>;
  /** A status read saw this job still in flight: catch up with the provider if it is due. */
  refresh(job: DbJob): Promise<void>;
  /** The sweeper's pass over every job of this provider still in flight (restarts, lost webhooks). */
  reconcile(): Promise<void>;
}
