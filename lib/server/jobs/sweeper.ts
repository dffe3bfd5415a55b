import "server-only";
import type { z } from "zod";
import { getRpc } from "../db";
import { sweepResult } from "../db/results";
import { getMediaStore } from "../storage";
import { jobFinished } from "./finished";

export type SweepResult = z.infer<typeof sweepResult>;

/**
 * One sweep (architecture.md "Jobs"): the database fails and refunds jobs stuck past their
 * deadline and deletes expired ones in one SQL call, then the media of the deleted jobs goes and
 * the owners of the failed jobs are told, as for any failed job.
 */
export async function sweep(): Promise<SweepResult> {
  const rpc = await getRpc();
  const result = await rpc.call("sweep", {}, sweepResult);
  await (await getMediaStore()).delete(result.mediaPaths);
  await Promise.all(result.failedJobs.map(jobFinished));
  return result;
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
