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

export function checkRateLimit(rpc: Rpc, args: { bucket: string; limit: number; windowSeconds: number }) {
  return callSql(rpc, "check_rate_limit", args, rateLimitResult);
}

export function recordWebhookEvent(rpc: Rpc, args: { provider: string; eventId: string }) {
  return callSql(rpc, "record_webhook_event", args, webhookEventResult);
}
