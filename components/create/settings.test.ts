import { describe, expect, test } from "vitest";
import type { ModelInputs } from "@/lib/contracts/catalog";
import { adjustableSettings, layerSettings, sanitizeSettings } from "./settings";

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
