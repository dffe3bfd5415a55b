import { z } from "zod";
import { videoSettingsSchema } from "../../../contracts/catalog";
import type { Rpc } from "../rpc";
import { callSql } from "./call";

/** supabase/schemas/60_share_links.sql */

const iso = z.iso.datetime();

export const shareResult = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  showPrompt: z.boolean(),
});
export const unshareResult = z.object({ unshared: z.boolean() });
export const shareTokensResult = z.object({
  shares: z.array(z.object({ jobId: z.uuid(), token: z.string(), showPrompt: z.boolean() })),
});
/** A public share page's video; null when there is no such page. */
export const sharedVideoResult = z.object({
  video: z
    .object({
      model: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
      prompt: z.string().nullable(),
      settings: videoSettingsSchema,
      videoPath: z.string(),
      thumbnailPath: z.string().nullable(),
      createdAt: iso,
      sharedAt: iso,
    })
    .nullable(),
});
export type SharedVideo = NonNullable<z.infer<typeof sharedVideoResult>["video"]>;

export function shareJob(rpc: Rpc, args: { userId: string; jobId: string; showPrompt: boolean }) {
  return callSql(rpc, "share_job", args, shareResult);
}

export function unshareJob(rpc: Rpc, args: { userId: string; jobId: string }) {
  return callSql(rpc, "unshare_job", args, unshareResult);
}

export function listShareTokens(rpc: Rpc, args: { jobIds: string[] }) {
  return callSql(rpc, "list_share_tokens", args, shareTokensResult);
}

export function getSharedVideo(rpc: Rpc, args: { token: string }) {
  return callSql(rpc, "get_shared_video", args, sharedVideoResult);
}
