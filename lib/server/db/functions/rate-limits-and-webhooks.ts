import { z } from "zod";
import type { Rpc } from "../rpc";
import { callSql } from "./call";

/** supabase/schemas/50_rate_limits_and_webhooks.sql */

export const rateLimitResult = z.object({
  allowed: z.literal(true),
  remaining: z.number().int().nonnegative(),
  resetAt: z.iso.datetime(),
});
export const webhookEventResult = z.object({ firstTime: z.boolean() });

/** Counts one call in the bucket; past the limit it throws rate_limited. */
export function checkRateLimit(rpc: Rpc, args: { bucket: string; limit: number; windowSeconds: number }) {
  return callSql(rpc, "check_rate_limit", args, rateLimitResult);
}

/** Whether this is the first delivery of the provider's event. */
export function recordWebhookEvent(rpc: Rpc, args: { provider: string; eventId: string }) {
  return callSql(rpc, "record_webhook_event", args, webhookEventResult);
}
