import "server-only";
import { AppError, isAppError } from "../../../errors";
import { finishAfterResponse } from "../../after-response";
import { getConfig } from "../../config";
import { getRpc } from "../../db";
import type { DbJob } from "../../db/functions";
import * as sql from "../../db/functions";
import { completeJob, failJob } from "../../jobs/transitions";
import { logJobEvent } from "../../log/job-events";
import { logger } from "../../log/logger";
import { reportError } from "../../log/report";
import { getMediaStore } from "../../storage";
import { thumbnailJpeg } from "../ffmpeg";
import type { VideoProvider } from "../video-provider";
import { falFailureCode } from "./errors";
import { falInput } from "./inputs";
import { fetchOutput, OutputError } from "./output";
import { createFalQueue, type FalQueue, FalRequestError } from "./queue";

/** How long the request that creates a job waits for fal's queue before answering without it. */
const SUBMIT_TIMEOUT_MS = 15_000;
/** A job asks fal about itself at most this often, across every server instance. */
const CHECK_EVERY_SECONDS = 5;
/** A status read asks fal only about a job this old: before that the webhook is the news. */
const QUIET_BEFORE_CHECK_MS = 15_000;
/** A job with no request at fal this long after it was charged lost its submit: fail and refund it. */
const SUBMIT_LOST_AFTER_MS = 2 * 60_000;
/** How long fal may take to fetch the input image from our signed link. */
const INPUT_LINK_SECONDS = 6 * 3600;

/**
 * The fal adapter: submits each job to fal's queue once (a submit is never retried: a second POST
 * is a second paid video), completes it from fal's signed webhook (services/fal-webhook.ts), and
 * asks fal itself when a webhook is late (status reads, the sweeper).
 */
export function createFalProvider(): VideoProvider {
  const settings = getConfig().fal;
  if (!settings) throw new Error("The fal provider needs FAL_KEY (lib/server/config.ts)");
  const queue = createFalQueue({ key: settings.key, queueUrl: settings.queueUrl, timeoutMs: 10_000 });
  return {
    name: "fal",
    start: (job) => submit(queue, job),
    refresh: (job) => refresh(queue, job),
    reconcile: () => reconcile(queue),
    cancel: (job) => cancel(queue, job),
  };
}

/** fal posts the outcome here; the job id lets a delivery that beats the submit's own write find its job. */
export function webhookUrl(jobId: string): string {
  const origin = getConfig().appOrigin;
  if (!origin) throw new Error("The fal provider needs APP_URL (lib/server/config.ts)");
  return `${origin}/api/webhooks/fal?job=${encodeURIComponent(jobId)}`;
}

async function submit(queue: FalQueue, job: DbJob): Promise<DbJob> {
  if (job.providerRequestId || isFinal(job)) return job;
  let queued: Awaited<ReturnType<FalQueue["submit"]>>;
  try {
    const input = falInput(job.providerModelId, job, await inputImageLink(job));
    queued = await queue.submit(job.providerModelId, input, webhookUrl(job.id), {
      timeoutMs: SUBMIT_TIMEOUT_MS,
    });
  } catch (error) {
    const code = submitFailureCode(error);
    // fal's own verdict on the input is expected now and then; anything else is not.
    if (code === "provider_error") reportError(error, "fal refused a job", { jobId: job.id });
    else logger().warn({ jobId: job.id, errorCode: code, reason: errorText(error) }, "fal refused a job");
    return failJob(job, code);
  }
  const rpc = await getRpc();
  const recorded = await sql.recordJobQueued(rpc, {
    jobId: job.id,
    providerRequestId: queued.requestId,
    statusUrl: queued.statusUrl,
    responseUrl: queued.responseUrl,
    cancelUrl: queued.cancelUrl,
    queuePosition: queued.queuePosition,
  });
  logJobEvent("submitted", recorded.job, { providerRequestId: queued.requestId });
  return recorded.job;
}

function submitFailureCode(error: unknown): string {
  if (error instanceof FalRequestError && error.kind === "refused" && error.status !== undefined) {
    return falFailureCode({ status: error.status, detail: error.detail });
  }
  return "provider_error";
}

/** A link fal can fetch the job's input image from, for as long as the job may wait in fal's queue. */
async function inputImageLink(job: DbJob): Promise<string | null> {
  if (!job.inputImagePath) return null;
  const link = await (await getMediaStore()).signedUrl(job.inputImagePath, {
    expiresInSeconds: INPUT_LINK_SECONDS,
  });
  return new URL(link, getConfig().appOrigin).toString();
}

/**
 * A status read of an in-flight job: a job whose submit was lost is failed; one quiet for a while
 * asks fal (one caller per job every few seconds). Returns the job as it now is.
 */
async function refresh(queue: FalQueue, job: DbJob, now = Date.now()): Promise<DbJob> {
  if (isFinal(job)) return job;
  const age = now - Date.parse(job.createdAt);
  if (!job.providerRequestId) {
    return age > SUBMIT_LOST_AFTER_MS ? failJob(job, "provider_error") : job;
  }
  if (age < QUIET_BEFORE_CHECK_MS) return job;
  const rpc = await getRpc();
  const claim = await sql.claimJobCheck(rpc, { jobId: job.id, minSeconds: CHECK_EVERY_SECONDS });
  if (!claim.claimed) return claim.job;
  return askFal(queue, claim.job);
}

/** One question to fal about the job, and what follows from the answer. */
async function askFal(queue: FalQueue, job: DbJob): Promise<DbJob> {
  if (!job.providerStatusUrl) return job;
  let status: Awaited<ReturnType<FalQueue["status"]>>;
  try {
    status = await queue.status(job.providerStatusUrl);
  } catch (error) {
    logger().warn({ jobId: job.id, reason: errorText(error) }, "fal's status of a job is unavailable");
    return job;
  }
  logJobEvent("provider answered", job, { via: "status", status: status.state });
  const rpc = await getRpc();
  if (status.state === "IN_QUEUE") {
    const queued = await sql.recordJobQueued(rpc, { jobId: job.id, queuePosition: status.position });
    return queued.job;
  }
  if (status.state === "IN_PROGRESS") {
    const running = await sql.markJobProcessing(rpc, { jobId: job.id });
    return running.job;
  }
  // COMPLETED: the outcome is at response_url (a failed run is "completed" too). Storing the
  // video may take a while, so a status read answers now and the work finishes after it.
  finishAfterResponse(collectResult(queue, job), `collecting fal's result for job ${job.id}`);
  return job;
}

/** Reads fal's result for a completed request: the video, or why there is none. */
async function collectResult(queue: FalQueue, job: DbJob): Promise<void> {
  if (!job.providerResponseUrl) return;
  const result = await queue.result(job.providerResponseUrl);
  if (result.ok) {
    await storeOutput(job, result.videoUrl);
    return;
  }
  if (result.retryable) return; // fal retries it; a later check or the webhook settles it
  await failJob(job, falFailureCode({ status: result.status, detail: result.detail }));
}

const storing = new Map<string, Promise<DbJob>>();

/**
 * Downloads fal's output into our media store with a thumbnail, and completes the job. Parallel
 * deliveries for one job in this process share one download; across processes the completion
 * is idempotent (same paths, mark_job_completed changes once). An output fal no longer has, or
 * that is not a video, fails and refunds the job; anything else (our storage, the network)
 * throws, so a webhook answers 5xx and fal delivers again.
 */
export function storeOutput(job: DbJob, videoUrl: string): Promise<DbJob> {
  const running = storing.get(job.id);
  if (running) return running;
  const work = download(job, videoUrl).finally(() => storing.delete(job.id));
  storing.set(job.id, work);
  return work;
}

/**
 * The video comes into memory and ffmpeg takes the thumbnail from fal's URL itself, so nothing is
 * written to the local disk (a serverless function has none worth the name).
 */
async function download(job: DbJob, videoUrl: string): Promise<DbJob> {
  let media: { video: Uint8Array; thumbnail: Uint8Array };
  try {
    const video = await fetchOutput(videoUrl);
    const thumbnail = await thumbnailJpeg(videoUrl, {
      atSeconds: Math.min(1, job.settings.durationSeconds / 3),
    });
    media = { video, thumbnail };
  } catch (error) {
    if (isUnavailable(error)) {
      throw new AppError("service_unavailable", {
        message: `fal's output is unavailable now: ${errorText(error)}`,
      });
    }
    reportError(error, "fal's output is unusable", { jobId: job.id });
    return failJob(job, "provider_error");
  }
  try {
    return await completeJob(job, media);
  } catch (error) {
    if (isAppError(error)) throw error;
    // Our storage failed: the job stays in flight, and the delivery is answered 503 so fal retries.
    reportError(error, "could not store a finished video", { jobId: job.id });
    throw new AppError("service_unavailable");
  }
}

/**
 * Worth another delivery: the download failed on the way, or ffmpeg's own read of the URL did
 * (a server error, a refused or stalled connection), not the video itself.
 */
function isUnavailable(error: unknown): boolean {
  if (error instanceof OutputError) return error.kind === "unavailable";
  const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
  return /Server returned 5|Connection (refused|reset|timed out)|Network is unreachable|I\/O error/i.test(
    reason,
  );
}

/**
 * The sweeper's pass: every in-flight fal job is checked as a status read would (lost webhooks,
 * lost submits). Jobs past their deadline are failed and refunded by the SQL sweep, which hands
 * them to `cancelAbandoned`.
 */
async function reconcile(queue: FalQueue): Promise<void> {
  const rpc = await getRpc();
  const { jobs } = await sql.listInFlightJobs(rpc, { provider: "fal", limit: 200 });
  for (const job of jobs) {
    await refresh(queue, job).catch((error: unknown) =>
      logger().warn({ jobId: job.id, reason: errorText(error) }, "could not check a fal job"),
    );
  }
}

/** Tells fal to stop a job failed here past its deadline (already refunded): fal bills no more. */
async function cancel(queue: FalQueue, job: DbJob): Promise<void> {
  if (!job.providerCancelUrl) return;
  try {
    await queue.cancel(job.providerCancelUrl);
  } catch (error) {
    logger().warn({ jobId: job.id, reason: errorText(error) }, "could not cancel a fal job");
  }
}

function isFinal(job: DbJob): boolean {
  return job.status === "completed" || job.status === "failed";
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
