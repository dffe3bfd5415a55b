import type { VideoSettings } from "@/lib/contracts/catalog";

/**
 * Our settings as each fal model's input. The families disagree on names and types: Veo's
 * duration is "8s", Kling's and Wan's "5", Sora's and LTX's an integer; Kling and Wan
 * image-to-video have no aspect_ratio (the image decides), Kling has no resolution, Sora and Wan
 * have no audio switch. Every value is checked against what fal's field accepts, so a catalog row
 * that drifts from fal's schema fails here, before a paid submit, instead of at fal.
 */

export type FalJob = { prompt: string; settings: VideoSettings };

type Model = {
  /** Image-to-video: `image_url` is required. */
  image: boolean;
  fields(settings: VideoSettings): Record<string, unknown>;
};

const veo = (aspectRatios: string[]) => (s: VideoSettings) => ({
  duration: `${pick("duration", s.durationSeconds, [4, 6, 8])}s`,
  resolution: pick("resolution", s.resolution, ["720p", "1080p"]),
  aspect_ratio: pick("aspect_ratio", s.aspectRatio, aspectRatios),
  generate_audio: s.audio,
});

const sora = (resolutions: string[], aspectRatios: string[]) => (s: VideoSettings) => ({
  duration: pick("duration", s.durationSeconds, [4, 8, 12, 16, 20]),
  resolution: pick("resolution", s.resolution, resolutions),
  aspect_ratio: pick("aspect_ratio", s.aspectRatio, aspectRatios),
});

const klingDuration = (s: VideoSettings) => String(pick("duration", s.durationSeconds, [5, 10]));
/** Kling has no resolution field: 1080p is what it makes. */
const klingResolution = (s: VideoSettings) => pick("resolution", s.resolution, ["1080p"]);

const MODELS: Record<string, Model> = {
  "fal-ai/veo3.1/fast": { image: false, fields: veo(["16:9", "9:16"]) },
  "fal-ai/veo3.1/fast/image-to-video": { image: true, fields: veo(["auto", "16:9", "9:16"]) },
  "fal-ai/sora-2/text-to-video": { image: false, fields: sora(["720p"], ["16:9", "9:16"]) },
  "fal-ai/sora-2/image-to-video": { image: true, fields: sora(["auto", "720p"], ["auto", "16:9", "9:16"]) },
  "fal-ai/kling-video/v2.5-turbo/pro/text-to-video": {
    image: false,
    fields: (s) => {
      klingResolution(s);
      return {
        duration: klingDuration(s),
        aspect_ratio: pick("aspect_ratio", s.aspectRatio, ["16:9", "9:16", "1:1"]),
      };
    },
  },
  "fal-ai/kling-video/v2.5-turbo/pro/image-to-video": {
    image: true,
    fields: (s) => {
      klingResolution(s);
      pick("aspect_ratio", s.aspectRatio, ["auto"]);
      return { duration: klingDuration(s) };
    },
  },
  // 16:9 is LTX-2's only shape and it has no aspect_ratio field. Over 10 s needs 25 fps at 1080p,
  // so only 6, 8 and 10 are offered.
  "fal-ai/ltx-2/text-to-video/fast": {
    image: false,
    fields: (s) => {
      pick("aspect_ratio", s.aspectRatio, ["16:9"]);
      return {
        duration: pick("duration", s.durationSeconds, [6, 8, 10]),
        resolution: pick("resolution", s.resolution, ["1080p", "1440p", "2160p"]),
        generate_audio: s.audio,
      };
    },
  },
  // Wan's default resolution is 1080p (the dearest), so resolution is always sent.
  "fal-ai/wan-25-preview/image-to-video": {
    image: true,
    fields: (s) => {
      pick("aspect_ratio", s.aspectRatio, ["auto"]);
      return {
        duration: String(pick("duration", s.durationSeconds, [5, 10])),
        resolution: pick("resolution", s.resolution, ["480p", "720p", "1080p"]),
      };
    },
  },
};

/** The fal model ids this module knows. */
export const FAL_MODEL_IDS: readonly string[] = Object.keys(MODELS);

/**
 * The input to submit to `providerModelId` for this job. `imageUrl` (a URL fal can fetch) is
 * required for image-to-video models and refused for the others. Throws on an unknown model or a
 * setting the model's fal field does not accept.
 */
export function falInput(
  providerModelId: string,
  job: FalJob,
  imageUrl: string | null,
): Record<string, unknown> {
  const model = MODELS[providerModelId];
  if (!model) throw new Error(`fal: unknown model ${providerModelId}`);
  if (model.image && !imageUrl) throw new Error(`fal: ${providerModelId} needs an image`);
  if (!model.image && imageUrl) throw new Error(`fal: ${providerModelId} takes no image`);
  return {
    prompt: job.prompt,
    ...(imageUrl ? { image_url: imageUrl } : {}),
    ...model.fields(job.settings),
  };
}

function pick<T extends string | number>(field: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value))
    throw new Error(`fal: ${field} ${String(value)} is not one of ${allowed.join(", ")}`);
  return value;
}
