import { describe, expect, test } from "vitest";
import type { ModelInputs, ModelPricing } from "./catalog";
import { cheapestCredits, priceCredits, resolveSettings } from "./pricing";

const veoInputs: ModelInputs = {
  image: "none",
  durations: [4, 6, 8],
  defaultDuration: 8,
  resolutions: ["720p", "1080p"],
  defaultResolution: "720p",
  aspectRatios: ["16:9", "9:16"],
  defaultAspectRatio: "16:9",
  audio: "optional",
  defaultAudio: true,
};
const veoPricing: ModelPricing = {
  basis: "per_second",
  centsByResolution: { "720p": 10, "1080p": 10 },
  audioCents: 5,
};

describe("resolveSettings", () => {
  test("fills the model's defaults", () => {
    expect(resolveSettings(veoInputs, {})).toEqual({
      durationSeconds: 8,
      resolution: "720p",
      aspectRatio: "16:9",
      audio: true,
    });
  });

  test("rejects a value the model does not offer", () => {
    expect(resolveSettings(veoInputs, { durationSeconds: 5 })).toBeUndefined();
    expect(resolveSettings(veoInputs, { aspectRatio: "1:1" })).toBeUndefined();
    expect(resolveSettings({ ...veoInputs, audio: "always" }, { audio: false })).toBeUndefined();
  });
});

describe("priceCredits", () => {
  test("per second, with audio, 1 credit = 10 cents", () => {
    expect(
      priceCredits(veoPricing, { durationSeconds: 8, resolution: "720p", aspectRatio: "16:9", audio: true }),
    ).toBe(12);
    expect(
      priceCredits(veoPricing, { durationSeconds: 4, resolution: "720p", aspectRatio: "16:9", audio: false }),
    ).toBe(4);
  });

  test("rounds a fraction of a credit up and never charges less than 1", () => {
    const kling: ModelPricing = { basis: "per_second", centsByResolution: { "1080p": 7 }, audioCents: 0 };
    expect(
      priceCredits(kling, { durationSeconds: 5, resolution: "1080p", aspectRatio: "16:9", audio: false }),
    ).toBe(4);
    const tiny: ModelPricing = { basis: "per_video", centsByResolution: { "720p": 1 }, audioCents: 0 };
    expect(
      priceCredits(tiny, { durationSeconds: 5, resolution: "720p", aspectRatio: "16:9", audio: false }),
    ).toBe(1);
  });

  test("an unpriced resolution has no price", () => {
    expect(
      priceCredits(veoPricing, { durationSeconds: 4, resolution: "4k", aspectRatio: "16:9", audio: false }),
    ).toBe(undefined);
  });

  test("the cheapest generation is the shortest without audio", () => {
    expect(cheapestCredits(veoInputs, veoPricing)).toBe(4);
  });
});
