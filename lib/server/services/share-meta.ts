import type { VideoSettings } from "../../contracts/catalog";

/**
 * The pixel size a video of these settings has, for og:video:width/height: the resolution names
 * the short side ("720p"), the aspect ratio the shape (16:9 when it is "auto" or unknown).
 */
export function videoSize(settings: VideoSettings): { width: number; height: number } {
  const short = Number.parseInt(settings.resolution, 10) || 720;
  const [w, h] = aspectOf(settings.aspectRatio);
  const even = (value: number) => Math.round(value / 2) * 2;
  return w >= h
    ? { width: even((short * w) / h), height: short }
    : { width: short, height: even((short * h) / w) };
}

function aspectOf(ratio: string): [number, number] {
  const match = /^(\d+):(\d+)$/.exec(ratio);
  const w = Number(match?.[1]);
  const h = Number(match?.[2]);
  return w > 0 && h > 0 ? [w, h] : [16, 9];
}
