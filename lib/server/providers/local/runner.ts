import { rm } from "node:fs/promises";
import path from "node:path";
import { isAppError } from "../../errors";
import { getConfig } from "../config";
import { getRpc } from "../db";
import { type DbJob, jobChangeResult, jobFailResult, jobListResult } from "../db/results";
import { renderPreviewVideo } from "../providers/local-renderer";
import { getMediaStore } from "../storage";
import { jobFinished } from "./finished";
import { makeRenderDir } from "./render-temp";

/**
 * The `local` provider's worker: renders each job's preview video in this server process, one at
 * a time (ffmpeg already uses every core), moving the job through the same SQL transitions a
 * real provider's webhook would. Jobs left in flight by a restart are picked up again by
 * `resumeLocalJobs` at start-up or by the next status read (`ensure`).
 */
class LocalJobRunner {
  private readonly known = new Set<string>();
  private readonly queue: DbJob[] = [];
  private readonly active = new Set<Promise<void>>();
  private running = 0;

  constructor(private readonly concurrency: number) {}

  /** Queues the job unless it is not ours, already final, or already queued. */
  ensure(job: DbJob): void {
    if (job.provider !== "local" || job.status === "completed" || job.status === "failed") return;
    if (this.known.has(job.id)) return;
    this.known.add(job.id);
    this.queue.push(job);
    this.pump();
  }

  get size(): number {
    return this.known.size;
  }

  /** Resolves once every queued job has run, its final state announced (tests wait on this). */
  async whenIdle(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift() as DbJob;
      this.running++;
      const done: Promise<void> = this.run(job).finally(() => {
        this.running--;
        this.known.delete(job.id);
        this.active.delete(done);
        this.pump();
      });
      this.active.add(done);
    }
  }

  /** Renders the job, then announces it if this run is what made it final. */
  private async run(job: DbJob): Promise<void> {
    const finished = await this.render(job);
    if (finished) await jobFinished(finished);
  }

  private async render(job: DbJob): Promise<DbJob | undefined> {
    const rpc = await getRpc();
    const workDir = await makeRenderDir(getConfig().dataDir);
    try {
      const started = await rpc.call(
        "mark_job_processing",
        { p_job_id: job.id, p_provider_request_id: `local-${job.id}`, p_progress: 0 },
        jobChangeResult,
      );
      if (!started.changed) return undefined;
      const media = await getMediaStore();
      let imageFile: string | undefined;
      if (job.inputImagePath) {
        imageFile = path.join(workDir, `input${path.extname(job.inputImagePath)}`);
        await media.download(job.inputImagePath, imageFile);
      }
      let reported = 0;
      const result = await renderPreviewVideo(
        { prompt: job.prompt, settings: job.settings, seed: job.id, imageFile },
        workDir,
        (fraction) => {
          if (fraction - reported < 0.1 || fraction >= 1) return;
          reported = fraction;
          void rpc
            .call("mark_job_processing", { p_job_id: job.id, p_progress: fraction }, jobChangeResult)
            .catch(() => undefined); // progress is a hint; the final transition is what counts
        },
      );
      const videoPath = `videos/${job.userId}/${job.id}.mp4`;
      const thumbnailPath = `thumbnails/${job.userId}/${job.id}.jpg`;
      await media.putFile(videoPath, result.videoFile, "video/mp4");
      await media.putFile(thumbnailPath, result.thumbnailFile, "image/jpeg");
      const completed = await rpc.call(
        "mark_job_completed",
        { p_job_id: job.id, p_video_path: videoPath, p_thumbnail_path: thumbnailPath },
        jobChangeResult,
      );
      return completed.changed ? completed.job : undefined;
    } catch (error) {
      if (isAppError(error, "job_not_found")) return undefined; // deleted meanwhile
      console.error(`[rendio] local render of job ${job.id} failed`, error);
      const failed = await rpc
        .call("mark_job_failed", { p_job_id: job.id, p_error_code: "provider_error" }, jobFailResult)
        .catch((failure) => console.error(`[rendio] could not fail job ${job.id}`, failure));
      return failed?.changed ? failed.job : undefined;
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }
}

const holder = globalThis as typeof globalThis & { __rendioLocalRunner?: LocalJobRunner };

export function localJobRunner(): LocalJobRunner {
  holder.__rendioLocalRunner ??= new LocalJobRunner(1);
  return holder.__rendioLocalRunner;
}

/** Queues every local job still in flight (after a restart). */
export async function resumeLocalJobs(): Promise<number> {
  const rpc = await getRpc();
  const { jobs } = await rpc.call("list_in_flight_jobs", { p_provider: "local" }, jobListResult);
  for (const job of jobs) localJobRunner().ensure(job);
  return jobs.length;
}
