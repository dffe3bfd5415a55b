import { z } from "zod";
import { type Me, meSchema } from "../../../contracts/user";
import type { Rpc } from "../rpc";
import { callSql } from "./call";
import { mediaRemovalResult } from "./jobs";

/** supabase/schemas/10_users.sql */

type Language = Me["language"];

export const onboardResult = z.object({ user: meSchema, created: z.boolean(), granted: z.boolean() });
export const meResult = z.object({ user: meSchema });
export const signInResult = z.object({
  user: meSchema,
  created: z.boolean(),
  merged: z.boolean(),
  creditsMerged: z.number().int().nonnegative(),
  jobsMoved: z.number().int().nonnegative(),
});
export const mergeResult = z.object({
  user: meSchema,
  creditsMerged: z.number().int().nonnegative(),
  jobsMoved: z.number().int().nonnegative(),
});

export function onboardUser(rpc: Rpc, args: { userId: string; language: Language }) {
  return callSql(rpc, "onboard_user", args, onboardResult);
}

export function getMe(rpc: Rpc, args: { userId: string }) {
  return callSql(rpc, "get_me", args, meResult);
}

export function updateSettings(
  rpc: Rpc,
  args: { userId: string; language: Language | null; theme: Me["theme"] | null },
) {
  return callSql(rpc, "update_settings", args, meResult);
}

export function completeSignIn(
  rpc: Rpc,
  args: { userId: string; previousUserId: string | null; language: Language; welcome: boolean },
) {
  return callSql(rpc, "complete_sign_in", args, signInResult);
}

export function deleteAccount(rpc: Rpc, args: { userId: string }) {
  return callSql(rpc, "delete_account", args, mediaRemovalResult);
}
