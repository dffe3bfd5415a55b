import type { VideoSettings } from "../../contracts/catalog";
import { frameOf, frameRatio } from "../../contracts/preview";

/**
 * The pixel size a video of these settings has, for og:video:width/height: the resolution names
 * the short side ("720p"), the aspect ratio the shape (16:9 when it is "auto" or unknown).
 */
export function videoSize(settings: VideoSettings): { width: number; height: number } {
  return frameOf(frameRatio(settings.aspectRatio), Number.parseInt(settings.resolution, 10) || 720);
}
