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

/** Makes the profile with the welcome credits, once; an existing one is returned as it is. */
export function onboardUser(rpc: Rpc, args: { userId: string; language: Language }) {
  return callSql(rpc, "onboard_user", args, onboardResult);
}

export function getMe(rpc: Rpc, args: { userId: string }) {
  return callSql(rpc, "get_me", args, meResult);
}

/** A null setting stays as it is. */
export function updateSettings(
  rpc: Rpc,
  args: { userId: string; language: Language | null; theme: Me["theme"] | null },
) {
  return callSql(rpc, "update_settings", args, meResult);
}

/** Upgrades the previous guest in place or merges it into the account, in one transaction. */
export function completeSignIn(
  rpc: Rpc,
  args: { userId: string; previousUserId: string | null; language: Language; welcome: boolean },
) {
  return callSql(rpc, "complete_sign_in", args, signInResult);
}

/** Deletes the profile and its auth user; returns the media paths to remove. */
export function deleteAccount(rpc: Rpc, args: { userId: string }) {
  return callSql(rpc, "delete_account", args, mediaRemovalResult);
}
