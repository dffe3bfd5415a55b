import type { ModelInputs, ModelPricing, RequestedSettings, VideoSettings } from "@/lib/contracts/catalog";
import { priceCredits, resolveSettings } from "@/lib/contracts/pricing";

/**
 * Settings on the form. Values come in layers (model defaults ← theme ← draft ← link); each
 * layer may hold values another model offers, so every value is checked against this model's
 * inputs and dropped when it is not on offer.
 */

/** The requested values this model offers; anything else is left out. */
export function sanitizeSettings(
  inputs: ModelInputs,
  requested: RequestedSettings | undefined,
): RequestedSettings {
  if (!requested) return {};
  const out: RequestedSettings = {};
  if (requested.durationSeconds !== undefined && inputs.durations.includes(requested.durationSeconds)) {
    out.durationSeconds = requested.durationSeconds;
  }
  if (requested.resolution !== undefined && inputs.resolutions.includes(requested.resolution)) {
    out.resolution = requested.resolution;
  }
  if (requested.aspectRatio !== undefined && inputs.aspectRatios.includes(requested.aspectRatio)) {
    out.aspectRatio = requested.aspectRatio;
  }
  // Sound is a choice only when the model makes it optional.
  if (requested.audio !== undefined && inputs.audio === "optional") out.audio = requested.audio;
  return out;
}

/** Full settings from layers, later layers winning, the model's defaults underneath. */
export function layerSettings(
  inputs: ModelInputs,
  ...layers: (RequestedSettings | undefined)[]
): VideoSettings {
  const merged: RequestedSettings = {};
  for (const layer of layers) Object.assign(merged, sanitizeSettings(inputs, layer));
  // Sanitized values are always on offer, so this resolves; the fallback keeps the types honest.
  return resolveSettings(inputs, merged) ?? (resolveSettings(inputs, {}) as VideoSettings);
}

/** Which settings the person can change (more than one option); the rest are shown as facts. */
export function adjustableSettings(inputs: ModelInputs) {
  return {
    duration: inputs.durations.length > 1,
    resolution: inputs.resolutions.length > 1,
    aspectRatio: inputs.aspectRatios.length > 1,
    audio: inputs.audio === "optional",
  };
}

/** Every combination of settings a model allows that changes the price (aspect ratio does not). */
export function priceableSettings(inputs: ModelInputs, aspectRatio: string): VideoSettings[] {
  const audioChoices = inputs.audio === "optional" ? [false, true] : [inputs.audio === "always"];
  return inputs.durations.flatMap((durationSeconds) =>
    inputs.resolutions.flatMap((resolution) =>
      audioChoices.map((audio) => ({ durationSeconds, resolution, aspectRatio, audio })),
    ),
  );
}

/** How far `candidate` is from `start`: steps along each option list (sound on/off is one step). */
function distance(inputs: ModelInputs, start: VideoSettings, candidate: VideoSettings): number {
  const steps = (list: readonly (string | number)[], a: string | number, b: string | number) =>
    Math.abs(list.indexOf(a) - list.indexOf(b));
  return (
    steps(inputs.durations, start.durationSeconds, candidate.durationSeconds) +
    steps(inputs.resolutions, start.resolution, candidate.resolution) +
    (start.audio === candidate.audio ? 0 : 1)
  );
}

/**
 * The settings the form opens at for someone with `balance` credits. The rule:
 * 1. `start` (the model's defaults, or a theme's / link's / draft's values) when it is affordable;
 * 2. else, of the settings that cost at most `balance`, the closest to `start`: fewest steps along
 *    the duration and resolution lists plus one for switching sound; among equals the dearest
 *    (the most video for the credits), then the first in the model's own order. The aspect
 *    ratio is kept: it never changes the price;
 * 3. else (nothing is affordable) `start` unchanged, and the form says so before Generate.
 * Prices come from priceCredits, the same rule the server charges with.
 */
export function affordableSettings(
  inputs: ModelInputs,
  pricing: ModelPricing,
  start: VideoSettings,
  balance: number,
): VideoSettings {
  const startCost = priceCredits(pricing, start);
  if (startCost !== undefined && startCost <= balance) return start;
  let best: { settings: VideoSettings; distance: number; cost: number } | undefined;
  for (const settings of priceableSettings(inputs, start.aspectRatio)) {
    const cost = priceCredits(pricing, settings);
    if (cost === undefined || cost > balance) continue;
    const away = distance(inputs, start, settings);
    if (!best || away < best.distance || (away === best.distance && cost > best.cost)) {
      best = { settings, distance: away, cost };
    }
  }
  return best?.settings ?? start;
}
