import type { ModelInputs, ModelPricing, RequestedSettings, VideoSettings } from "./catalog";

/**
 * The browser's twin of the SQL rules internal.resolve_settings and internal.price, so the
 * cost shown before Generate is the cost charged. The database stays authoritative; the
 * contract tests check both agree for every seeded model and setting.
 */

/** Fills missing settings with the model's defaults; undefined when a value is not offered. */
export function resolveSettings(
  inputs: ModelInputs,
  requested: RequestedSettings,
): VideoSettings | undefined {
  const durationSeconds = requested.durationSeconds ?? inputs.defaultDuration;
  const resolution = requested.resolution ?? inputs.defaultResolution;
  const aspectRatio = requested.aspectRatio ?? inputs.defaultAspectRatio;
  const audio =
    inputs.audio === "always"
      ? true
      : inputs.audio === "never"
        ? false
        : (requested.audio ?? inputs.defaultAudio);
  const offered =
    inputs.durations.includes(durationSeconds) &&
    inputs.resolutions.includes(resolution) &&
    inputs.aspectRatios.includes(aspectRatio) &&
    (requested.audio === undefined || requested.audio === audio);
  return offered ? { durationSeconds, resolution, aspectRatio, audio } : undefined;
}

/** Credits for resolved settings: max(1, ceil(units × (resolution cents + audio cents) / 10)). */
export function priceCredits(pricing: ModelPricing, settings: VideoSettings): number | undefined {
  const resolutionCents = pricing.centsByResolution[settings.resolution];
  if (resolutionCents === undefined) return undefined;
  const cents = resolutionCents + (settings.audio ? pricing.audioCents : 0);
  const units = pricing.basis === "per_second" ? settings.durationSeconds : 1;
  return Math.max(1, Math.ceil((units * cents) / 10));
}

/** The cheapest generation a model offers (for "from N credits" and the low-credit threshold). */
export function cheapestCredits(inputs: ModelInputs, pricing: ModelPricing): number | undefined {
  const audioChoices = inputs.audio === "optional" ? [false, true] : [inputs.audio === "always"];
  const prices = inputs.durations.flatMap((durationSeconds) =>
    inputs.resolutions.flatMap((resolution) =>
      audioChoices.map((audio) =>
        priceCredits(pricing, { durationSeconds, resolution, aspectRatio: inputs.defaultAspectRatio, audio }),
      ),
    ),
  );
  const defined = prices.filter((p): p is number => p !== undefined);
  return defined.length > 0 ? Math.min(...defined) : undefined;
}
