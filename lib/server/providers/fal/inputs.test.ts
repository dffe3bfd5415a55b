import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import type { VideoSettings } from "@/lib/contracts/catalog";
import { FAL_MODEL_IDS, falInput } from "./inputs";

const IMAGE = "https://media.example.com/inputs/u/photo.jpg";
const prompt = "A lighthouse at dusk";

function job(settings: Partial<VideoSettings>) {
  return {
    prompt,
    settings: { durationSeconds: 5, resolution: "1080p", aspectRatio: "16:9", audio: true, ...settings },
  };
}

describe("falInput, one model at a time", () => {
  test("Veo 3.1 Fast: duration as '8s', resolution, aspect_ratio and the audio switch", () => {
    const settings = { durationSeconds: 8, resolution: "720p", aspectRatio: "9:16", audio: false };
    expect(falInput("fal-ai/veo3.1/fast", job(settings), null)).toStrictEqual({
      prompt,
      duration: "8s",
      resolution: "720p",
      aspect_ratio: "9:16",
      generate_audio: false,
    });
    expect(() => falInput("fal-ai/veo3.1/fast", job({ ...settings, aspectRatio: "auto" }), null)).toThrow(
      /aspect_ratio auto/,
    );
    expect(() => falInput("fal-ai/veo3.1/fast", job({ ...settings, durationSeconds: 5 }), null)).toThrow();
  });

  test("Veo 3.1 Fast image-to-video: image_url, and 'auto' follows the image", () => {
    const settings = { durationSeconds: 4, resolution: "1080p", aspectRatio: "auto", audio: true };
    expect(falInput("fal-ai/veo3.1/fast/image-to-video", job(settings), IMAGE)).toStrictEqual({
      prompt,
      image_url: IMAGE,
      duration: "4s",
      resolution: "1080p",
      aspect_ratio: "auto",
      generate_audio: true,
    });
  });

  test("Sora 2 text-to-video: integer duration, no audio switch", () => {
    const settings = { durationSeconds: 12, resolution: "720p", aspectRatio: "16:9", audio: true };
    expect(falInput("fal-ai/sora-2/text-to-video", job(settings), null)).toStrictEqual({
      prompt,
      duration: 12,
      resolution: "720p",
      aspect_ratio: "16:9",
    });
    expect(() =>
      falInput("fal-ai/sora-2/text-to-video", job({ ...settings, aspectRatio: "auto" }), null),
    ).toThrow();
  });

  test("Sora 2 image-to-video: 'auto' resolution and aspect ratio are fal values", () => {
    const settings = { durationSeconds: 4, resolution: "auto", aspectRatio: "auto", audio: true };
    expect(falInput("fal-ai/sora-2/image-to-video", job(settings), IMAGE)).toStrictEqual({
      prompt,
      image_url: IMAGE,
      duration: 4,
      resolution: "auto",
      aspect_ratio: "auto",
    });
  });

  test("Kling 2.5 Turbo Pro text-to-video: duration '10' as a string, aspect ratio, no resolution", () => {
    const settings = { durationSeconds: 10, resolution: "1080p", aspectRatio: "1:1", audio: false };
    expect(falInput("fal-ai/kling-video/v2.5-turbo/pro/text-to-video", job(settings), null)).toStrictEqual({
      prompt,
      duration: "10",
      aspect_ratio: "1:1",
    });
  });

  test("Kling 2.5 Turbo Pro image-to-video: no aspect_ratio and no resolution at all", () => {
    const settings = { durationSeconds: 5, resolution: "1080p", aspectRatio: "auto", audio: false };
    const input = falInput("fal-ai/kling-video/v2.5-turbo/pro/image-to-video", job(settings), IMAGE);
    expect(input).toStrictEqual({ prompt, image_url: IMAGE, duration: "5" });
    expect(() =>
      falInput(
        "fal-ai/kling-video/v2.5-turbo/pro/image-to-video",
        job({ ...settings, aspectRatio: "16:9" }),
        IMAGE,
      ),
    ).toThrow();
  });

  test("LTX-2 Fast: integer duration, resolution, audio switch, no aspect_ratio field", () => {
    const settings = { durationSeconds: 6, resolution: "1440p", aspectRatio: "16:9", audio: false };
    expect(falInput("fal-ai/ltx-2/text-to-video/fast", job(settings), null)).toStrictEqual({
      prompt,
      duration: 6,
      resolution: "1440p",
      generate_audio: false,
    });
    expect(() =>
      falInput("fal-ai/ltx-2/text-to-video/fast", job({ ...settings, aspectRatio: "9:16" }), null),
    ).toThrow();
    expect(() =>
      falInput("fal-ai/ltx-2/text-to-video/fast", job({ ...settings, durationSeconds: 12 }), null),
    ).toThrow();
  });

  test("Wan 2.5 image-to-video: duration '5', resolution always sent, no aspect_ratio", () => {
    const settings = { durationSeconds: 5, resolution: "720p", aspectRatio: "auto", audio: true };
    expect(falInput("fal-ai/wan-25-preview/image-to-video", job(settings), IMAGE)).toStrictEqual({
      prompt,
      image_url: IMAGE,
      duration: "5",
      resolution: "720p",
    });
  });
});

describe("falInput refuses what would be a wasted or wrong submit", () => {
  test("an unknown model id", () => {
    expect(() => falInput("fal-ai/veo3", job({}), null)).toThrow(/unknown model/);
  });

  test("an image-to-video model without an image, and a text-to-video model with one", () => {
    expect(() =>
      falInput("fal-ai/wan-25-preview/image-to-video", job({ aspectRatio: "auto" }), null),
    ).toThrow(/needs an image/);
    expect(() =>
      falInput("fal-ai/veo3.1/fast", job({ durationSeconds: 8, resolution: "720p" }), IMAGE),
    ).toThrow(/takes no image/);
  });
});

describe("every model of the catalog", () => {
  const catalog = readCatalogModels();

  test("the catalog's fal models are exactly the ones falInput knows", () => {
    expect(catalog.map((m) => m.providerModelId).sort()).toStrictEqual([...FAL_MODEL_IDS].sort());
  });

  test("every combination the catalog offers maps to a fal input", () => {
    let combinations = 0;
    for (const model of catalog) {
      for (const durationSeconds of model.inputs.durations)
        for (const resolution of model.inputs.resolutions)
          for (const aspectRatio of model.inputs.aspectRatios)
            for (const audio of [true, false]) {
              const image = model.inputs.image === "required" ? IMAGE : null;
              const input = falInput(
                model.providerModelId,
                job({ durationSeconds, resolution, aspectRatio, audio }),
                image,
              );
              expect(input.prompt).toBe(prompt);
              expect("image_url" in input).toBe(image !== null);
              combinations++;
            }
    }
    expect(combinations).toBeGreaterThan(50);
  });
});

type CatalogModel = {
  providerModelId: string;
  inputs: { image: string; durations: number[]; resolutions: string[]; aspectRatios: string[] };
};

/** The model rows of the catalog migration: provider_model_id and the inputs JSON that follows it. */
function readCatalogModels(): CatalogModel[] {
  const sql = readFileSync(
    new URL("../../../../supabase/migrations/20261203000200_catalog.sql", import.meta.url),
    "utf8",
  );
  const rows = [...sql.matchAll(/'fal', '([^']+)', '[^']*',\s*'(\{[^']*\})'::jsonb/g)];
  return rows.map(([, providerModelId, inputs]) => ({
    providerModelId: providerModelId as string,
    inputs: JSON.parse(inputs as string),
  }));
}
