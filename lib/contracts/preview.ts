import type { VideoSettings } from "./catalog";

/**
 * What the local preview renderer (lib/server/providers/local/renderer.ts) makes of the settings,
 * and how long it usually takes: shared by the renderer, the catalog (a model's typicalSeconds
 * when this server renders previews) and the result page (the wait it announces).
 */

/** The largest short side rendered (see shortSide). */
const MAX_SHORT_SIDE = 720;

/**
 * The frame's short side for a resolution setting: "480p" and "720p" as asked; higher ones
 * ("1080p" and up) and "auto" or anything unreadable at 720p. The filters, not the encoder, set the
 * pace: on 2 busy cores a 5 s clip took 5 s at 480p, 15 s at 720p and 28 s at 1080p (any x264
 * preset), so 720p keeps a preview quick. The result page says which size it really is.
 */
export function shortSide(resolution: string): number {
  const match = /^(\d{3,4})p$/.exec(resolution);
  if (!match) return 720;
  return Math.max(240, Math.min(MAX_SHORT_SIDE, Number(match[1])));
}

/** Width over height: the chosen aspect ratio, or the image's for "auto" (16:9 without one). */
export function frameRatio(aspectRatio: string, image?: { width: number; height: number }): number {
  const match = /^(\d{1,2}):(\d{1,2})$/.exec(aspectRatio);
  const ratio = match
    ? Number(match[1]) / Number(match[2])
    : image && image.width > 0 && image.height > 0
      ? image.width / image.height
      : 16 / 9;
  // Extreme panoramas and strips are kept within 21:9 either way.
  return Math.min(21 / 9, Math.max(9 / 21, ratio));
}

const even = (size: number) => 2 * Math.round(size / 2);

/** The frame in pixels (even numbers, as yuv420p needs): the short side from the resolution. */
export function frameSize(
  settings: Pick<VideoSettings, "aspectRatio" | "resolution">,
  image?: { width: number; height: number },
): { width: number; height: number } {
  return frameOf(frameRatio(settings.aspectRatio, image), shortSide(settings.resolution));
}

/** A frame of this shape (width over height) whose short side is `short` pixels, in even numbers. */
export function frameOf(ratio: number, short: number): { width: number; height: number } {
  return ratio >= 1
    ? { width: even(short * ratio), height: short }
    : { width: short, height: even(short / ratio) };
}

/**
 * How long the renderer usually takes, in seconds: a second to start plus about 1.2 s per second
 * of video per 854×480 frame (measured on 2 busy cores: 5 s at 480p took 5 s, at 720p 15 s).
 * "auto" without the photo at hand is taken as 16:9.
 */
export function previewRenderSeconds(
  settings: Pick<VideoSettings, "durationSeconds" | "aspectRatio" | "resolution">,
): number {
  const { width, height } = frameSize(settings);
  return Math.ceil(1 + settings.durationSeconds * ((width * height) / (854 * 480)) * 1.2);
}
