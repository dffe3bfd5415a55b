import "server-only";
import { getRpc } from "../db";
import type { DbJob } from "../db/functions";
import * as sql from "../db/functions";
import { logJobEvent, logJobFailed } from "../log/job-events";
import { getMediaStore } from "../storage";
import { jobFinished } from "./finished";

/** Where a job's finished media lives in the media store. */
export function mediaPaths(job: Pick<DbJob, "id" | "userId">): { video: string; thumbnail: string } {
  return {
    video: `videos/${job.userId}/${job.id}.mp4`,
    thumbnail: `thumbnails/${job.userId}/${job.id}.jpg`,
  };
}

/**
 * A finished job's video and thumbnail: local files (moved into the store, e.g. by the local
 * renderer) or bytes in memory (a remote provider's output; no disk needed).
 */
export type FinishedMedia =
  | { videoFile: string; thumbnailFile: string }
  | { video: Uint8Array; thumbnail: Uint8Array };

/**
 * Stores the finished media and completes the job (mark_job_completed). The owner is told only by
 * the call that made the change, so a replayed delivery announces nothing. Storage errors throw.
 */
export async function completeJob(job: DbJob, finished: FinishedMedia): Promise<DbJob> {
  const media = await getMediaStore();
  const paths = mediaPaths(job);
  if ("video" in finished) {
    await media.put(paths.video, finished.video, "video/mp4");
    await media.put(paths.thumbnail, finished.thumbnail, "image/jpeg");
  } else {
    await media.putFile(paths.video, finished.videoFile, "video/mp4");
    await media.putFile(paths.thumbnail, finished.thumbnailFile, "image/jpeg");
  }
  const rpc = await getRpc();
  const completed = await sql.markJobCompleted(rpc, {
    jobId: job.id,
    videoPath: paths.video,
    thumbnailPath: paths.thumbnail,
  });
  if (completed.changed) {
    logJobEvent("completed", completed.job);
    await jobFinished(completed.job);
  }
  return completed.job;
}

/** Fails the job and refunds it once (mark_job_failed); the owner is told if this call did it. */
export async function failJob(job: Pick<DbJob, "id">, errorCode: string): Promise<DbJob> {
  const rpc = await getRpc();
  const failed = await sql.markJobFailed(rpc, { jobId: job.id, errorCode });
  if (failed.changed) {
    logJobFailed(failed.job);
    await jobFinished(failed.job);
  }
  return failed.job;
}
