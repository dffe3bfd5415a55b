import { describe, expect, it } from "vitest";
import { videoSize } from "./share-meta";

const settings = { durationSeconds: 5, audio: false };

describe("videoSize (og:video's width and height)", () => {
  it("takes the short side from the resolution and the shape from the aspect ratio", () => {
    expect(videoSize({ ...settings, resolution: "1080p", aspectRatio: "16:9" })).toEqual({
      width: 1920,
      height: 1080,
    });
    expect(videoSize({ ...settings, resolution: "720p", aspectRatio: "9:16" })).toEqual({
      width: 720,
      height: 1280,
    });
    expect(videoSize({ ...settings, resolution: "480p", aspectRatio: "1:1" })).toEqual({
      width: 480,
      height: 480,
    });
  });

  it("reads an unknown shape as 16:9 and an unknown resolution as 720p", () => {
    expect(videoSize({ ...settings, resolution: "auto", aspectRatio: "auto" })).toEqual({
      width: 1280,
      height: 720,
    });
  });
});
