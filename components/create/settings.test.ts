import { describe, expect, test } from "vitest";
import type { ModelInputs, ModelPricing, VideoSettings } from "@/lib/contracts/catalog";
import { cheapestCredits, priceCredits } from "@/lib/contracts/pricing";
import { adjustableSettings, affordableSettings, layerSettings, sanitizeSettings } from "./settings";

const veo: ModelInputs = {
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
const kling: ModelInputs = {
  image: "required",
  durations: [5, 10],
  defaultDuration: 5,
  resolutions: ["1080p"],
  defaultResolution: "1080p",
  aspectRatios: ["auto"],
  defaultAspectRatio: "auto",
  audio: "never",
  defaultAudio: false,
};

describe("sanitizeSettings", () => {
  test("keeps what the model offers and drops the rest", () => {
    expect(
      sanitizeSettings(veo, { durationSeconds: 6, resolution: "4k", aspectRatio: "9:16", audio: false }),
    ).toEqual({
      durationSeconds: 6,
      aspectRatio: "9:16",
      audio: false,
    });
  });

  test("sound is only a choice when optional", () => {
    expect(sanitizeSettings(kling, { audio: true })).toEqual({});
    expect(sanitizeSettings({ ...veo, audio: "always" }, { audio: false })).toEqual({});
  });

  test("nothing in, nothing out", () => {
    expect(sanitizeSettings(veo, undefined)).toEqual({});
  });
});

describe("layerSettings", () => {
  test("later layers win, defaults underneath", () => {
    expect(layerSettings(veo, { durationSeconds: 4, audio: false }, { durationSeconds: 6 })).toEqual({
      durationSeconds: 6,
      resolution: "720p",
      aspectRatio: "16:9",
      audio: false,
    });
  });

  test("a layer meant for another model cannot break the settings", () => {
    expect(layerSettings(kling, { durationSeconds: 8, aspectRatio: "16:9", audio: true })).toEqual({
      durationSeconds: 5,
      resolution: "1080p",
      aspectRatio: "auto",
      audio: false,
    });
  });
});

test("adjustableSettings shows controls only for real choices", () => {
  expect(adjustableSettings(veo)).toEqual({
    duration: true,
    resolution: true,
    aspectRatio: true,
    audio: true,
  });
  expect(adjustableSettings(kling)).toEqual({
    duration: true,
    resolution: false,
    aspectRatio: false,
    audio: false,
  });
});

describe("affordableSettings", () => {
  const veoPricing: ModelPricing = {
    basis: "per_second",
    centsByResolution: { "720p": 10, "1080p": 10 },
    audioCents: 5,
  };
  const wan: ModelInputs = {
    image: "required",
    durations: [5, 10],
    defaultDuration: 5,
    resolutions: ["480p", "720p", "1080p"],
    defaultResolution: "720p",
    aspectRatios: ["auto"],
    defaultAspectRatio: "auto",
    audio: "always",
    defaultAudio: true,
  };
  const wanPricing: ModelPricing = {
    basis: "per_second",
    centsByResolution: { "480p": 5, "720p": 10, "1080p": 15 },
    audioCents: 0,
  };
  const veoDefaults = layerSettings(veo, {});

  test("keeps the starting settings when they are affordable", () => {
    expect(priceCredits(veoPricing, veoDefaults)).toBe(12);
    expect(affordableSettings(veo, veoPricing, veoDefaults, 12)).toBe(veoDefaults);
    const wanDefaults = layerSettings(wan, {});
    expect(affordableSettings(wan, wanPricing, wanDefaults, 10)).toBe(wanDefaults);
  });

  test("a guest's 10 credits open Veo one step away from its defaults: 6 s with sound, 9 credits", () => {
    const chosen = affordableSettings(veo, veoPricing, veoDefaults, 10);
    expect(chosen).toEqual({ durationSeconds: 6, resolution: "720p", aspectRatio: "16:9", audio: true });
    expect(priceCredits(veoPricing, chosen)).toBe(9);
  });

  test("keeps the chosen aspect ratio and moves as little as it can", () => {
    const start: VideoSettings = { ...veoDefaults, aspectRatio: "9:16" };
    // 8 credits: one step is 8 s without sound (8), 6 s with sound is 9: too dear.
    expect(affordableSettings(veo, veoPricing, start, 8)).toEqual({
      durationSeconds: 8,
      resolution: "720p",
      aspectRatio: "9:16",
      audio: false,
    });
    // 4 credits: only 4 s without sound.
    expect(affordableSettings(veo, veoPricing, start, 4)).toEqual({
      durationSeconds: 4,
      resolution: "720p",
      aspectRatio: "9:16",
      audio: false,
    });
  });

  test("Wan at 4 credits drops to 480p (3 credits), its cheapest", () => {
    const chosen = affordableSettings(wan, wanPricing, layerSettings(wan, {}), 4);
    expect(chosen.resolution).toBe("480p");
    expect(priceCredits(wanPricing, chosen)).toBe(cheapestCredits(wan, wanPricing));
  });

  test("nothing affordable: the starting settings stay", () => {
    expect(affordableSettings(veo, veoPricing, veoDefaults, 3)).toBe(veoDefaults);
    expect(affordableSettings(veo, veoPricing, veoDefaults, 0)).toBe(veoDefaults);
  });

  test("every answer is allowed by the model and within the balance when any is", () => {
    for (let balance = 0; balance <= 20; balance++) {
      const chosen = affordableSettings(veo, veoPricing, veoDefaults, balance);
      expect(sanitizeSettings(veo, chosen)).toEqual(chosen);
      const cost = priceCredits(veoPricing, chosen) ?? Number.POSITIVE_INFINITY;
      if (balance >= (cheapestCredits(veo, veoPricing) ?? 0)) expect(cost).toBeLessThanOrEqual(balance);
    }
  });
});
