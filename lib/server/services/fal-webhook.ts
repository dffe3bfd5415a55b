import "server-only";
import { z } from "zod";
import { AppError, isAppError } from "../../errors";
import { getConfig } from "../config";
import { getRpc } from "../db";
import type { DbJob } from "../db/functions";
import * as sql from "../db/functions";
import { failJob } from "../jobs/transitions";
import { logJobEvent } from "../log/job-events";
import { falFailureCode } from "../providers/fal/errors";
import { storeOutput } from "../providers/fal/provider";
import { FalRequestError, falVideoOutput } from "../providers/fal/queue";
import {
  createJwksCache,
  type FalWebhookBody,
  type JwksCache,
  verifyFalWebhook,
  WebhookSignatureError,
} from "../providers/fal/signature";

export type WebhookOutcome = { received: true; job: DbJob["status"] | "unknown" };

const holder = globalThis as typeof globalThis & { __rendioFalJwks?: JwksCache };

function jwks(url: string): JwksCache {
  holder.__rendioFalJwks ??= createJwksCache({ url });
  return holder.__rendioFalJwks;
}

/**
 * One delivery of fal's webhook, verified from the raw body before anything is read from it: a
 * bad or unsigned request changes nothing (401; 400 for a job that does not match). `OK` stores the video and completes the job;
 * `ERROR` fails and refunds it with fal's reason. A replayed delivery changes nothing; one we
 * cannot process now (our storage) throws, so the route answers 5xx and fal delivers again.
 */
export async function receiveFalWebhook(input: {
  headers: Headers;
  body: Uint8Array;
  jobId: string | null;
}): Promise<WebhookOutcome> {
  const settings = getConfig().fal;
  if (!settings) throw new AppError("not_found");
  let delivery: FalWebhookBody;
  try {
    ({ body: delivery } = await verifyFalWebhook({
      headers: input.headers,
      body: input.body,
      jwks: jwks(settings.jwksUrl),
    }));
  } catch (error) {
    if (error instanceof WebhookSignatureError) throw new AppError("unauthorized");
    // fal's keys could not be fetched: not the sender's fault, and fal delivers again later.
    if (error instanceof FalRequestError) throw new AppError("service_unavailable");
    throw error;
  }
  const parsedJobId = z.uuid().safeParse(input.jobId);
  if (!parsedJobId.success) throw new AppError("validation_failed", { field: "job" });

  const job = await findJob(parsedJobId.data);
  if (!job) return { received: true, job: "unknown" }; // deleted meanwhile: nothing left to do
  if (job.provider !== "fal") throw new AppError("validation_failed", { field: "job" });
  const current = await claimRequest(job, delivery.requestId);
  logJobEvent("provider answered", current, { via: "webhook", status: delivery.status });
  if (current.status === "completed" || current.status === "failed") {
    return { received: true, job: current.status };
  }
  if (delivery.status === "ERROR") {
    const reason = falFailureCode({
      status: "ERROR",
      error: delivery.error,
      payload: delivery.payload,
      payload_error: delivery.payloadError,
    });
    const failed = await failJob(current, reason);
    return { received: true, job: failed.status };
  }
  const output = falVideoOutput(delivery.payload);
  const done = output
    ? await storeOutput(current, output.videoUrl)
    : await failJob(current, "provider_error");
  return { received: true, job: done.status };
}

async function findJob(jobId: string): Promise<DbJob | undefined> {
  const rpc = await getRpc();
  try {
    return (await sql.findJob(rpc, { jobId })).job;
  } catch (error) {
    if (isAppError(error, "job_not_found")) return undefined;
    throw error;
  }
}

/**
 * The delivery's request must be the job's. A delivery that beats the submit's own write finds
 * no request on the job yet and records it (the same write the submit makes, so they agree).
 */
async function claimRequest(job: DbJob, requestId: string): Promise<DbJob> {
  if (job.providerRequestId === requestId) return job;
  if (job.providerRequestId) throw new AppError("validation_failed", { field: "request_id" });
  const rpc = await getRpc();
  try {
    const { job: updated } = await sql.recordJobQueued(rpc, { jobId: job.id, providerRequestId: requestId });
    return updated;
  } catch (error) {
    if (isAppError(error, "idempotency_conflict"))
      throw new AppError("validation_failed", { field: "request_id" });
    throw error;
  }
}
