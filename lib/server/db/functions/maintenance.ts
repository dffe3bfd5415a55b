import { z } from "zod";
import type { Rpc } from "../rpc";
import { callSql } from "./call";
import { dbJobSchema } from "./jobs";

/** supabase/schemas/80_maintenance.sql */

export const healthResult = z.object({ ok: z.literal(true), time: z.iso.datetime() });
export const sweepResult = z.object({
  jobsFailed: z.number().int().nonnegative(),
  /** The jobs this sweep failed (timeout, refunded), to be announced like any failed job. */
  failedJobs: z.array(dbJobSchema),
  jobsExpired: z.number().int().nonnegative(),
  mediaPaths: z.array(z.string()),
  idempotencyRemoved: z.number().int().nonnegative(),
  rateLimitsRemoved: z.number().int().nonnegative(),
  webhookEventsRemoved: z.number().int().nonnegative(),
});
export type SweepResult = z.infer<typeof sweepResult>;

export function healthCheck(rpc: Rpc) {
  return callSql(rpc, "health_check", {}, healthResult);
}

export function sweep(rpc: Rpc) {
  return callSql(rpc, "sweep", {}, sweepResult);
}
