import type { ModelInputs, RequestedSettings, VideoSettings } from "@/lib/contracts/catalog";
import { resolveSettings } from "@/lib/contracts/pricing";

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
