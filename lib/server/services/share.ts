import "server-only";
import type { ShareJobRequest } from "../../contracts/api";
import { shareJobRequestSchema } from "../../contracts/api";
import type { VideoSettings } from "../../contracts/catalog";
import type { Session } from "../auth";
import { getRpc } from "../db";
import * as sql from "../db/functions";
import { parseWith } from "../http";
import { getMediaStore } from "../storage";

/**
 * Share pages: a finished video's public page, /v/<token>, lasting as long as the video. The
 * rules (one link per video, the owner's only, gone with the video) are SQL functions.
 */

/** How long the media links on a share page stay valid: long enough for a page left open. */
const SHARE_MEDIA_LINK_SECONDS = 24 * 3600;

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** The page's path on the app: /v/<token>. */
export function sharePath(token: string): string {
  return `/v/${token}`;
}

/** The page's address under the app's public origin. */
export function sharePageUrl(origin: string, token: string): string {
  return new URL(sharePath(token), origin).toString();
}

/** Shares one of the user's finished videos: its page's token, the same on every call. */
export async function shareJob(session: Session, jobId: string, body: ShareJobRequest): Promise<string> {
  const input = parseWith(shareJobRequestSchema, body);
  const rpc = await getRpc();
  const { token } = await sql.shareJob(rpc, {
    userId: session.userId,
    jobId,
    showPrompt: input.showPrompt ?? true,
  });
  return token;
}

/** Takes the video's page down (already down is fine). */
export async function unshareJob(session: Session, jobId: string): Promise<void> {
  const rpc = await getRpc();
  await sql.unshareJob(rpc, { userId: session.userId, jobId });
}

/** The share tokens of the given jobs that have a page, by job id. */
export async function shareTokensOf(jobIds: string[]): Promise<Map<string, string>> {
  if (jobIds.length === 0) return new Map();
  const rpc = await getRpc();
  const { shares } = await sql.listShareTokens(rpc, { jobIds });
  return new Map(shares.map((share) => [share.jobId, share.token]));
}

export type SharedVideoPage = {
  model: { name: string; slug: string };
  prompt: string | null;
  settings: VideoSettings;
  videoUrl: string;
  posterUrl: string | null;
  createdAt: string;
};

/** What the public page shows for a token, media links signed now; null when there is no such page. */
export async function getSharedVideo(token: string): Promise<SharedVideoPage | null> {
  if (!tokenPattern.test(token)) return null;
  const rpc = await getRpc();
  const { video } = await sql.getSharedVideo(rpc, { token });
  if (!video) return null;
  const links = [{ path: video.videoPath }, ...(video.thumbnailPath ? [{ path: video.thumbnailPath }] : [])];
  const [videoUrl, posterUrl] = await (await getMediaStore()).signedUrls(links, {
    expiresInSeconds: SHARE_MEDIA_LINK_SECONDS,
  });
  return {
    model: { name: video.model.name, slug: video.model.slug },
    prompt: video.prompt,
    settings: video.settings,
    videoUrl: videoUrl as string,
    posterUrl: posterUrl ?? null,
    createdAt: video.createdAt,
  };
}

/** The two files a share page shows, each with a lasting address of its own under the page. */
export type SharedMedia = "video" | "poster";

/**
 * A shared file's link, signed now: what /v/<token>/video and /v/<token>/poster redirect to, so
 * the card tags a chat app or social site keeps work as long as the page does. Null when there
 * is no such page or file.
 */
export async function sharedMediaUrl(token: string, media: string): Promise<string | null> {
  if (media !== "video" && media !== "poster") return null;
  const video = await getSharedVideo(token);
  if (!video) return null;
  return media === "video" ? video.videoUrl : video.posterUrl;
}
