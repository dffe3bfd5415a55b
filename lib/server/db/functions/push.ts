import { z } from "zod";
import { languageSchema } from "../../../contracts/user";
import type { Rpc } from "../rpc";
import { callSql } from "./call";

/** supabase/schemas/70_push.sql */

export const pushSaveResult = z.object({ subscribed: z.literal(true), created: z.boolean() });
export const pushDeleteResult = z.object({ deleted: z.boolean() });
export const pushForgetResult = z.object({ forgotten: z.boolean() });
export const pushListResult = z.object({
  language: languageSchema,
  subscriptions: z.array(z.object({ endpoint: z.string(), p256dh: z.string(), auth: z.string() })),
});

export function savePushSubscription(
  rpc: Rpc,
  args: { userId: string; endpoint: string; p256dh: string; auth: string; expiresAt: string | null },
) {
  return callSql(rpc, "save_push_subscription", args, pushSaveResult);
}

export function deletePushSubscription(rpc: Rpc, args: { userId: string; endpoint: string }) {
  return callSql(rpc, "delete_push_subscription", args, pushDeleteResult);
}

export function listPushSubscriptions(rpc: Rpc, args: { userId: string }) {
  return callSql(rpc, "list_push_subscriptions", args, pushListResult);
}

export function forgetPushSubscription(rpc: Rpc, args: { endpoint: string }) {
  return callSql(rpc, "forget_push_subscription", args, pushForgetResult);
}
