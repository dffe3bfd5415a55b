import { z } from "zod";
import type { RequestedSettings } from "../../../contracts/catalog";
import { jobSchema } from "../../../contracts/job";
import type { Rpc } from "../rpc";
import { callSql } from "./call";

/** supabase/schemas/30_jobs.sql */

const iso = z.iso.datetime();

/**
 * A job as stored: the API's job (lib/contracts/job.ts) with storage paths instead of links, its
 * owner, deadline and what its provider knows of it. Services turn paths into signed links.
 */
export const dbJobSchema = jobSchema
  .omit({ videoUrl: true, thumbnailUrl: true, downloadUrl: true, sharePath: true })
  .extend({
    userId: z.uuid(),
    inputImagePath: z.string().nullable(),
    videoPath: z.string().nullable(),
    thumbnailPath: z.string().nullable(),
    providerModelId: z.string(),
    providerRequestId: z.string().nullable(),
    providerStatusUrl: z.string().nullable(),
    providerResponseUrl: z.string().nullable(),
    providerCancelUrl: z.string().nullable(),
    providerCheckedAt: iso.nullable(),
    deadlineAt: iso,
  });
export type DbJob = z.infer<typeof dbJobSchema>;
export type JobProvider = DbJob["provider"];

export const generateResult = z.object({
  job: dbJobSchema,
  credits: z.number().int().nonnegative(),
  replayed: z.boolean(),
});
export type GenerateResult = z.infer<typeof generateResult>;
export const jobResult = z.object({ job: dbJobSchema });
export const jobListResult = z.object({ jobs: z.array(dbJobSchema) });
export const jobChangeResult = z.object({ job: dbJobSchema, changed: z.boolean() });
export const jobClaimResult = z.object({ job: dbJobSchema, claimed: z.boolean() });
export const jobFailResult = jobChangeResult.extend({ credits: z.number().int().nonnegative() });
export const jobPageResult = z.object({ jobs: z.array(dbJobSchema), nextCursor: z.string().nullable() });
/** The user's jobs a read found past their deadline and failed (timeout, refunded). */
export const recoverResult = z.object({ failedJobs: z.array(dbJobSchema) });
export const mediaRemovalResult = z.object({ deleted: z.literal(true), mediaPaths: z.array(z.string()) });

export function generateVideo(
  rpc: Rpc,
  args: {
    userId: string;
    idempotencyKey: string;
    modelId: string;
    prompt: string;
    settings: RequestedSettings;
    themeId: string | null;
    inputImagePath: string | null;
    provider: JobProvider;
    perMinute: number;
  },
) {
  return callSql(rpc, "generate_video", args, generateResult);
}

export function recordJobQueued(
  rpc: Rpc,
  args: {
    jobId: string;
    providerRequestId?: string;
    statusUrl?: string | null;
    responseUrl?: string | null;
    cancelUrl?: string | null;
    queuePosition?: number | null;
  },
) {
  return callSql(rpc, "record_job_queued", args, jobChangeResult);
}

export function markJobProcessing(
  rpc: Rpc,
  args: { jobId: string; providerRequestId?: string; progress?: number },
) {
  return callSql(rpc, "mark_job_processing", args, jobChangeResult);
}

export function markJobCompleted(
  rpc: Rpc,
  args: { jobId: string; videoPath: string; thumbnailPath: string },
) {
  return callSql(rpc, "mark_job_completed", args, jobChangeResult);
}

export function markJobFailed(rpc: Rpc, args: { jobId: string; errorCode: string }) {
  return callSql(rpc, "mark_job_failed", args, jobFailResult);
}

export function claimJobCheck(rpc: Rpc, args: { jobId: string; minSeconds: number }) {
  return callSql(rpc, "claim_job_check", args, jobClaimResult);
}

export function listInFlightJobs(rpc: Rpc, args: { provider: JobProvider; limit?: number }) {
  return callSql(rpc, "list_in_flight_jobs", args, jobListResult);
}

export function recoverOverdueJobs(rpc: Rpc, args: { userId: string }) {
  return callSql(rpc, "recover_overdue_jobs", args, recoverResult);
}

export function getJob(rpc: Rpc, args: { userId: string; jobId: string }) {
  return callSql(rpc, "get_job", args, jobResult);
}

export function findJob(rpc: Rpc, args: { jobId: string }) {
  return callSql(rpc, "find_job", args, jobResult);
}

export function listJobs(
  rpc: Rpc,
  args: { userId: string; limit: number; cursor: string | null; query: string | null },
) {
  return callSql(rpc, "list_jobs", args, jobPageResult);
}

export function deleteJob(rpc: Rpc, args: { userId: string; jobId: string }) {
  return callSql(rpc, "delete_job", args, mediaRemovalResult);
}
