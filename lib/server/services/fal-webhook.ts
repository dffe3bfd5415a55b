import "server-only";
import { z } from "zod";
import { AppError, isAppError } from "../../errors";
import { getConfig } from "../config";
import { getRpc } from "../db";
import { type DbJob, jobChangeResult, jobResult } from "../db/results";
import { failJob } from "../jobs/transitions";
import { falFailureCode } from "../providers/fal/errors";
import { storeOutput } from "../providers/fal/provider";
import {
  createJwksCache,
  type JwksCache,
  verifyFalWebhook,
  WebhookSignatureError,
} from "../providers/fal/signature";

/** fal's webhook body (its queue's delivery of one request's outcome). */
const deliverySchema = z.object({
  request_id: z.string().min(1).max(255),
  gateway_request_id: z.string().max(255).nullish(),
  status: z.enum(["OK", "ERROR"]),
  payload: z.unknown(),
  error: z.string().nullish(),
  payload_error: z.string().nullish(),
});

const outputSchema = z.object({ video: z.object({ url: z.string().min(1) }) });

export type WebhookOutcome = { received: true; job: DbJob["status"] | "unknown" };

const holder = globalThis as typeof globalThis & { __rendioFalJwks?: JwksCache };

function jwks(url: string): JwksCache {
  holder.__rendioFalJwks ??= createJwksCache({ url });
  return holder.__rendioFalJwks;
}

/**
 * One delivery of fal's webhook, verified from the raw body before anything is read from it: a
 * bad or unsigned request changes nothing (401/400). `OK` stores the video and completes the job;
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
  let signed: { requestId: string };
  try {
    signed = await verifyFalWebhook({
      headers: input.headers,
      body: input.body,
      jwks: jwks(settings.jwksUrl),
    });
  } catch (error) {
    if (error instanceof WebhookSignatureError) throw new AppError("unauthorized");
    throw error;
  }
  const delivery = parseDelivery(input.body);
  if (delivery.request_id !== signed.requestId)
    throw new AppError("validation_failed", { field: "request_id" });
  const parsedJobId = z.uuid().safeParse(input.jobId);
  if (!parsedJobId.success) throw new AppError("validation_failed", { field: "job" });

  const job = await findJob(parsedJobId.data);
  if (!job) return { received: true, job: "unknown" }; // deleted meanwhile: nothing left to do
  if (job.provider !== "fal") throw new AppError("validation_failed", { field: "job" });
  const current = await claimRequest(job, delivery.request_id);
  if (current.status === "completed" || current.status === "failed") {
    return { received: true, job: current.status };
  }
  if (delivery.status === "ERROR") {
    const failed = await failJob(current, falFailureCode(delivery));
    return { received: true, job: failed.status };
  }
  const output = outputSchema.safeParse(delivery.payload);
  const done = output.success
    ? await storeOutput(current, output.data.video.url)
    : await failJob(current, "provider_error");
  return { received: true, job: done.status };
}

function parseDelivery(body: Uint8Array): z.infer<typeof deliverySchema> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    throw new AppError("validation_failed", { field: "body" });
  }
  const parsed = deliverySchema.safeParse(value);
  if (!parsed.success) throw new AppError("validation_failed", { field: "body" });
  return parsed.data;
}

async function findJob(jobId: string): Promise<DbJob | undefined> {
  const rpc = await getRpc();
  try {
    return (await rpc.call("find_job", { p_job_id: jobId }, jobResult)).job;
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
    const { job: updated } = await rpc.call(
      "record_job_queued",
      { p_job_id: job.id, p_provider_request_id: requestId },
      jobChangeResult,
    );
    return updated;
  } catch (error) {
    if (isAppError(error, "idempotency_conflict"))
      throw new AppError("validation_failed", { field: "request_id" });
    throw error;
  }
}
