import "server-only";
import { rm } from "node:fs/promises";
import path from "node:path";
import { isAppError } from "../../../errors";
import { getConfig } from "../../config";
import { getRpc } from "../../db";
import type { DbJob } from "../../db/functions";
import * as sql from "../../db/functions";
import { makeRenderDir } from "../../jobs/render-temp";
import { completeJob, failJob } from "../../jobs/transitions";
import { reportError } from "../../log/report";
import { getMediaStore } from "../../storage";
import { renderPreviewVideo } from "./renderer";

/**
 * How a queued job becomes this process's to render: `claim` only if mark_job_processing moves it
 * from pending (another render has it otherwise); `resume` also takes a job already processing,
 * which at start-up nothing renders any more (the local provider runs on a single server).
 */
type Take = "claim" | "resume";

/**
 * The `local` provider's worker: renders each job's preview video in this server process, one at
 * a time (ffmpeg already uses every core), moving the job through the same SQL transitions a
 * real provider's webhook would. Jobs left in flight by a restart are picked up again by
 * `resumeLocalJobs` at start-up, and pending ones by the next status read (`ensure`).
 */
class LocalJobRunner {
  private readonly known = new Set<string>();
  private readonly queue: { job: DbJob; take: Take }[] = [];
  private readonly active = new Set<Promise<void>>();
  /** Stops the render of each job running now. */
  private readonly stops = new Map<string, AbortController>();
  private running = 0;

  constructor(private readonly concurrency: number) {}

  /** Queues the job unless it is not ours, already final, or already queued; it renders if claimed. */
  ensure(job: DbJob): void {
    this.add(job, "claim");
  }

  /** As `ensure`, for a job a previous server left: it renders even if already processing. */
  resume(job: DbJob): void {
    this.add(job, "resume");
  }

  /** Drops the job if queued, stops its render if running (the job was failed elsewhere). */
  cancel(jobId: string): void {
    const index = this.queue.findIndex((entry) => entry.job.id === jobId);
    if (index >= 0) {
      this.queue.splice(index, 1);
      this.known.delete(jobId);
    }
    this.stops.get(jobId)?.abort();
  }

  get size(): number {
    return this.known.size;
  }

  /** Resolves once every queued job has run, its final state announced (tests wait on this). */
  async whenIdle(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
  }

  private add(job: DbJob, take: Take): void {
    if (job.provider !== "local" || job.status === "completed" || job.status === "failed") return;
    // A status read may have queued a job left processing just before start-up resumes it.
    const queued = this.queue.find((entry) => entry.job.id === job.id);
    if (queued && take === "resume") queued.take = take;
    if (this.known.has(job.id)) return;
    this.known.add(job.id);
    this.queue.push({ job, take });
    this.pump();
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const { job, take } = this.queue.shift() as { job: DbJob; take: Take };
      this.running++;
      const done: Promise<void> = this.render(job, take).finally(() => {
        this.running--;
        this.known.delete(job.id);
        this.active.delete(done);
        this.pump();
      });
      this.active.add(done);
    }
  }

  /** Renders the job and completes it, or fails and refunds it; the owner is told either way. */
  private async render(job: DbJob, take: Take): Promise<void> {
    const stop = new AbortController();
    this.stops.set(job.id, stop);
    const rpc = await getRpc();
    const workDir = await makeRenderDir(getConfig().dataDir);
    try {
      const started = await sql.markJobProcessing(rpc, {
        jobId: job.id,
        providerRequestId: `local-${job.id}`,
        progress: 0,
      });
      const ours = started.changed || (take === "resume" && started.job.status === "processing");
      if (!ours) return;
      const media = await getMediaStore();
      let imageFile: string | undefined;
      if (job.inputImagePath) {
        imageFile = path.join(
          /* turbopackIgnore: true */ workDir,
          `input${path.extname(job.inputImagePath)}`,
        );
        await media.download(job.inputImagePath, imageFile);
      }
      let reported = 0;
      const result = await renderPreviewVideo(
        { prompt: job.prompt, settings: job.settings, seed: job.id, imageFile },
        workDir,
        (fraction) => {
          if (fraction - reported < 0.1 || fraction >= 1) return;
          reported = fraction;
          void sql.markJobProcessing(rpc, { jobId: job.id, progress: fraction }).catch(() => undefined); // progress is a hint; the final transition is what counts
        },
        stop.signal,
      );
      stop.signal.throwIfAborted(); // failed meanwhile: store nothing
      await completeJob(started.job, result);
    } catch (error) {
      // Deleted meanwhile, or failed elsewhere and cancelled here: nothing left to do.
      if (isAppError(error, "job_not_found") || stop.signal.aborted) return;
      reportError(error, "local render failed", { jobId: job.id });
      await failJob(job, "provider_error").catch((failure) =>
        reportError(failure, "could not fail a job", { jobId: job.id }),
      );
    } finally {
      this.stops.delete(job.id);
      await rm(/* turbopackIgnore: true */ workDir, { recursive: true, force: true });
    }
  }
}

const holder = globalThis as typeof globalThis & { __rendioLocalRunner?: LocalJobRunner };

export function localJobRunner(): LocalJobRunner {
  holder.__rendioLocalRunner ??= new LocalJobRunner(1);
  return holder.__rendioLocalRunner;
}

/**
 * Queues every local job still in flight, processing ones included: a processing job this process
 * does not know was being rendered by a server that stopped (at start-up, every one). Returns how many.
 */
export async function resumeLocalJobs(): Promise<number> {
  const rpc = await getRpc();
  const { jobs } = await sql.listInFlightJobs(rpc, { provider: "local" });
  for (const job of jobs) localJobRunner().resume(job);
  return jobs.length;
}
