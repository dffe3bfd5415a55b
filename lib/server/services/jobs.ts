import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { CreateJobRequest, CreateJobResponse, JobPage } from "../../contracts/api";
import { createJobRequestSchema } from "../../contracts/api";
import { type Job, jobSchema } from "../../contracts/job";
import { isAppError } from "../../errors";
import { finishAfterResponse } from "../after-response";
import type { Session } from "../auth";
import { getConfig } from "../config";
import { getRpc } from "../db";
import type { DbJob } from "../db/functions";
import * as sql from "../db/functions";
import { parseWith } from "../http";
import { recoverOverdueJobs } from "../jobs/sweeper";
import { logJobEvent } from "../log/job-events";
import { reportError } from "../log/report";
import { getVideoProvider } from "../providers";
import { getMediaStore } from "../storage";
import type { MediaLinkRequest } from "../storage/media-store";
import { sharePath, shareTokensOf } from "./share";

/** How long a media link in an API answer stays valid. */
const MEDIA_LINK_SECONDS = 3600;
/** How long the request that creates a job waits for its provider to take it before answering. */
const START_WAIT_MS = 3_000;

/**
 * Charges the user and creates the job in one SQL transaction (generate_video), then hands it to
 * the configured provider. The same Idempotency-Key replays the first answer without charging
 * again, even at the generation limit (the SQL function counts a request only after its replay
 * lookup), and without handing the job over a second time.
 */
export async function createJob(
  session: Session,
  key: string,
  body: CreateJobRequest,
): Promise<CreateJobResponse> {
  const input = parseWith(createJobRequestSchema, body);
  const perMinute = getConfig().generationsPerMinute;
  const rpc = await getRpc();
  let result: sql.GenerateResult;
  try {
    result = await sql.generateVideo(rpc, {
      userId: session.userId,
      idempotencyKey: key,
      modelId: input.modelId,
      prompt: input.prompt,
      settings: input.settings,
      themeId: input.themeId ?? null,
      inputImagePath: input.imageUrl ?? null,
      provider: getConfig().videoProvider,
      perMinute,
    });
  } catch (error) {
    if (isAppError(error) && !isAppError(error, "rate_limited", "idempotency_conflict")) {
      await countRefusedGeneration(session.userId, perMinute);
    }
    throw error;
  }
  if (result.replayed) return { job: await toApiJob(result.job), credits: result.credits };
  logJobEvent("created", result.job);
  const job = await startJob(result.job);
  // A provider that refused the job at once has refunded it already.
  const credits = job.refunded ? result.credits + job.creditsUsed : result.credits;
  return { job: await toApiJob(job), credits };
}

/**
 * Hands a new job to its provider, waiting a moment for the answer (a refusal then shows at
 * once); past that the request answers with the job as created and the hand-over finishes after
 * the response, kept alive on a serverless host.
 */
async function startJob(job: DbJob): Promise<DbJob> {
  const provider = await getVideoProvider(job.provider);
  const started = provider.start(job);
  const stopWaiting = new AbortController();
  const waited = sleep(START_WAIT_MS, undefined, { signal: stopWaiting.signal }).catch(() => undefined);
  const settled = await Promise.race([started, waited]);
  stopWaiting.abort();
  if (settled) return settled;
  finishAfterResponse(started, `handing job ${job.id} to ${job.provider}`);
  return job;
}

/**
 * A request generate_video refused (no credits, a bad model…) rolled its count back with the
 * rest of its transaction; it counts all the same, so a burst of refused requests meets the
 * limit like one of good ones. The bucket is the one generate_video counts in.
 */
async function countRefusedGeneration(userId: string, perMinute: number): Promise<void> {
  const rpc = await getRpc();
  await sql
    .checkRateLimit(rpc, { bucket: `generate:user:${userId}`, limit: perMinute, windowSeconds: 60 })
    .catch((error: unknown) => {
      if (!isAppError(error, "rate_limited")) throw error;
    });
}

/** The user's own job (another user's reads as job_not_found). */
export async function getJob(session: Session, jobId: string): Promise<Job> {
  await recoverOverdueJobs(session.userId);
  const rpc = await getRpc();
  const { job } = await sql.getJob(rpc, { userId: session.userId, jobId });
  return toApiJob(await refreshJob(job));
}

/** A job still in flight catches up with its provider (a late webhook, a restarted server). */
async function refreshJob(job: DbJob): Promise<DbJob> {
  if (job.status === "completed" || job.status === "failed") return job;
  try {
    return await (await getVideoProvider(job.provider)).refresh(job);
  } catch (error) {
    reportError(error, "could not check a job with its provider", { jobId: job.id, provider: job.provider });
    return job;
  }
}

export async function listJobs(
  session: Session,
  params: { limit: number; cursor: string | null; query: string | null },
): Promise<JobPage> {
  await recoverOverdueJobs(session.userId);
  const rpc = await getRpc();
  const page = await sql.listJobs(rpc, {
    userId: session.userId,
    limit: params.limit,
    cursor: params.cursor,
    query: params.query,
  });
  return { jobs: await toApiJobs(page.jobs), nextCursor: page.nextCursor };
}

/** The API's view of a job: storage paths become short-lived signed links. */
export async function toApiJob(job: DbJob): Promise<Job> {
  const [apiJob] = await toApiJobs([job]);
  return apiJob as Job;
}

/** Many jobs' views with their links signed together: a page of history is one signing round. */
export async function toApiJobs(jobs: DbJob[]): Promise<Job[]> {
  const wanted = jobs.map(linksOf);
  const requests = wanted.flatMap((links) => Object.values(links).filter((link) => link !== null));
  const [urls, shares] = await Promise.all([
    requests.length
      ? (await getMediaStore()).signedUrls(requests, { expiresInSeconds: MEDIA_LINK_SECONDS })
      : [],
    shareTokensOf(jobs.filter((job) => job.status === "completed").map((job) => job.id)),
  ]);
  const signed = new Map(requests.map((request, index) => [request, urls[index] ?? null]));
  const url = (request: MediaLinkRequest | null) => (request ? (signed.get(request) ?? null) : null);
  return jobs.map((job, index) => {
    const links = wanted[index] as JobLinks;
    const token = shares.get(job.id);
    return apiJob(job, {
      videoUrl: url(links.videoUrl),
      downloadUrl: url(links.downloadUrl),
      thumbnailUrl: url(links.thumbnailUrl),
      sharePath: token ? sharePath(token) : null,
    });
  });
}

type JobLinks = Record<"videoUrl" | "downloadUrl" | "thumbnailUrl", MediaLinkRequest | null>;

/** The links a job's view needs: its video to play, the same as a named download, its thumbnail. */
function linksOf(job: DbJob): JobLinks {
  const fileName = `rendio-${job.model.slug}-${job.createdAt.slice(0, 10)}.mp4`;
  return {
    videoUrl: job.videoPath ? { path: job.videoPath } : null,
    downloadUrl: job.videoPath ? { path: job.videoPath, download: fileName } : null,
    thumbnailUrl: job.thumbnailPath ? { path: job.thumbnailPath } : null,
  };
}

/** The stored job's fields the API shows, in the contract's order, with its links. */
function apiJob(job: DbJob, links: Record<keyof JobLinks | "sharePath", string | null>): Job {
  return jobSchema.parse({ ...job, ...links });
}

/**
 * Deletes one of the user's finished jobs: the row goes in one SQL call (delete_job; another
 * user's job reads as job_not_found, one in flight as job_in_progress), then its media files.
 */
export async function deleteJob(session: Session, jobId: string): Promise<void> {
  const rpc = await getRpc();
  const { mediaPaths } = await sql.deleteJob(rpc, { userId: session.userId, jobId });
  await (await getMediaStore()).delete(mediaPaths);
}
