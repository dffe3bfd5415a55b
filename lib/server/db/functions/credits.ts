import { z } from "zod";
import type { Rpc } from "../rpc";
import { callSql } from "./call";

/** supabase/schemas/40_credits.sql */

const iso = z.iso.datetime();

export const ledgerPageResult = z.object({
  entries: z.array(
    z.object({
      id: z.number().int().positive(),
      kind: z.enum(["grant", "spend", "refund", "purchase", "merge", "admin", "chargeback"]),
      change: z.number().int(),
      balanceAfter: z.number().int().nonnegative(),
      jobId: z.uuid().nullable(),
      createdAt: iso,
    }),
  ),
  nextCursor: z.string().nullable(),
});
export const purchaseResult = z.object({
  granted: z.boolean(),
  creditsAdded: z.number().int().nonnegative(),
  credits: z.number().int().nonnegative(),
});
export const checkoutBeginResult = z.object({ replayed: z.boolean(), url: z.string().nullable() });
export const checkoutRecordResult = z.object({ recorded: z.boolean() });
export const reversalResult = z.object({
  reversed: z.boolean(),
  creditsRemoved: z.number().int().nonnegative(),
  credits: z.number().int().nonnegative(),
});

export function listLedger(rpc: Rpc, args: { userId: string; limit: number; cursor: string | null }) {
  return callSql(rpc, "list_ledger", args, ledgerPageResult);
}

export function beginCheckout(
  rpc: Rpc,
  args: { userId: string; idempotencyKey: string; productId: string; limit: number; windowSeconds: number },
) {
  return callSql(rpc, "begin_checkout", args, checkoutBeginResult);
}

export function recordCheckout(
  rpc: Rpc,
  args: { userId: string; idempotencyKey: string; productId: string; url: string },
) {
  return callSql(rpc, "record_checkout", args, checkoutRecordResult);
}

export function grantPurchase(
  rpc: Rpc,
  args: {
    userId: string;
    productId: string;
    externalRef: string;
    limit?: number;
    windowSeconds?: number;
  },
) {
  return callSql(rpc, "grant_purchase", args, purchaseResult);
}

export function reversePurchase(rpc: Rpc, args: { externalRef: string; reversalRef: string }) {
  return callSql(rpc, "reverse_purchase", args, reversalResult);
}
