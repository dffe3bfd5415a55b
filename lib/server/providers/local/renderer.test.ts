import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, test } from "vitest";
import type { VideoSettings } from "@/lib/contracts/catalog";
import { frameSize } from "@/lib/contracts/preview";
import { ffmpegBinary } from "../ffmpeg";
import { h264Level, type RenderInput, renderPreviewVideo, wrapPrompt } from "./renderer";

const dir = mkdtempSync(path.join(tmpdir(), "rendio-render-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let outputs = 0;
function settings(overrides: Partial<VideoSettings>): VideoSettings {
  return { durationSeconds: 4, resolution: "480p", aspectRatio: "16:9", audio: true, ...overrides };
}

/** Renders into a fresh directory, recording progress and printing the time taken. */
async function render(label: string, input: RenderInput) {
  const outDir = path.join(dir, `out-${++outputs}`);
  const progress: number[] = [];
  const started = performance.now();
  const result = await renderPreviewVideo(input, outDir, (fraction) => progress.push(fraction));
  const ms = Math.round(performance.now() - started);
  console.log(`[local renderer] ${label}: ${ms} ms`);
  return { result, progress, outDir, ms };
}

/** What ffmpeg says about a file (the installer ships no ffprobe): `ffmpeg -i file` on stderr. */
async function probe(file: string): Promise<string> {
  const child = spawn(await ffmpegBinary(), ["-hide_banner", "-i", file], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  await new Promise((resolve) => child.on("close", resolve));
  return stderr;
}

function expectProgress(progress: number[]) {
  expect(progress.at(-1)).toBe(1);
  for (let i = 1; i < progress.length; i++) {
    expect(progress[i] as number).toBeGreaterThan(progress[i - 1] as number);
    if (i < progress.length - 1)
      expect((progress[i] as number) - (progress[i - 1] as number)).toBeGreaterThanOrEqual(0.05);
  }
  for (const fraction of progress) {
    expect(fraction).toBeGreaterThanOrEqual(0);
    expect(fraction).toBeLessThanOrEqual(1);
  }
}

function expectJpeg(file: string) {
  expect([...readFileSync(file).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
}

describe("renderPreviewVideo", () => {
  test("4 s 16:9 with audio: H.264 High/Main yuv420p 854x480, AAC, faststart, a JPEG thumbnail", async () => {
    const { result, progress } = await render("4 s 16:9 with audio", {
      prompt: "A neon fox running through a rainy city at night, cinematic lighting",
      seed: "job-1",
      settings: settings({}),
    });
    expect(result).toMatchObject({ width: 854, height: 480, durationSeconds: 4 });
    const info = await probe(result.videoFile);
    expect(info).toMatch(/Video: h264 \((High|Main)\)/);
    expect(info).toMatch(/yuv420p/);
    expect(info).toMatch(/, 854x480[ ,]/);
    expect(info).toMatch(/, 24 fps,/);
    expect(info).toMatch(/Duration: 00:00:04\.0\d/);
    expect(info).toMatch(/Audio: aac/);
    // +faststart: the moov atom comes before the media data.
    const head = readFileSync(result.videoFile)
      .subarray(0, 64 * 1024)
      .toString("latin1");
    expect(head.indexOf("moov")).toBeGreaterThan(0);
    expect(head.indexOf("moov")).toBeLessThan(head.indexOf("mdat") === -1 ? Infinity : head.indexOf("mdat"));

    expectJpeg(result.thumbnailFile);
    expect(await probe(result.thumbnailFile)).toMatch(/Video: mjpeg.*, 854x480[ ,]/);
    expectProgress(progress);
    expect(readdirSync(path.dirname(result.videoFile)).sort()).toEqual(["preview.jpg", "preview.mp4"]);
  });

  test("1 s 9:16 without audio: 480x854, no audio stream", async () => {
    const { result, progress } = await render("1 s 9:16 without audio", {
      prompt: "Ocean waves at sunset with seagulls over the cliffs",
      seed: "job-2",
      settings: settings({ durationSeconds: 1, aspectRatio: "9:16", audio: false }),
    });
    expect(result).toMatchObject({ width: 480, height: 854, durationSeconds: 1 });
    const info = await probe(result.videoFile);
    expect(info).toMatch(/Video: h264 \((High|Main)\)/);
    expect(info).toMatch(/, 480x854[ ,]/);
    expect(info).toMatch(/Duration: 00:00:01\.0\d/);
    expect(info).not.toMatch(/Audio:/);
    expectJpeg(result.thumbnailFile);
    expect(await probe(result.thumbnailFile)).toMatch(/Video: mjpeg.*, 480x854[ ,]/);
    expectProgress(progress);
  });

  test("the picture comes from prompt + seed: same input, same frames; another prompt or seed, others", async () => {
    const base = { settings: settings({ durationSeconds: 1, audio: false }) };
    const a = await render("1 s 16:9 (determinism a)", { ...base, prompt: "a red balloon", seed: "s" });
    const b = await render("1 s 16:9 (determinism b)", { ...base, prompt: "a red balloon", seed: "s" });
    const other = await render("1 s 16:9 (other prompt)", { ...base, prompt: "a green forest", seed: "s" });
    const reseeded = await render("1 s 16:9 (other seed)", { ...base, prompt: "a red balloon", seed: "t" });
    const thumb = (r: typeof a) => readFileSync(r.result.thumbnailFile);
    expect(thumb(a).equals(thumb(b))).toBe(true);
    // x264 is deterministic with its default (frame) threading, so the whole file is too.
    expect(readFileSync(a.result.videoFile).equals(readFileSync(b.result.videoFile))).toBe(true);
    expect(thumb(a).equals(thumb(other))).toBe(false);
    expect(thumb(a).equals(thumb(reseeded))).toBe(false);
  });

  test("a prompt full of filtergraph-special characters renders (1:1 at 480p is 480x480)", async () => {
    const { result } = await render("1 s 1:1 special characters", {
      prompt: `50% off: "it's" \\ back\\slash; [x] {y} %{pts} \\n, a=b 'quoted' émoji 🎬 çığ`,
      seed: "job-3",
      settings: settings({ durationSeconds: 1, aspectRatio: "1:1" }),
    });
    const info = await probe(result.videoFile);
    expect(info).toMatch(/, 480x480[ ,]/);
    expect(info).toMatch(/Duration: 00:00:01\.0\d/);
    expectJpeg(result.thumbnailFile);
  });

  test("an empty prompt renders, and any other ratio is kept too (4:3 at 480p is 640x480)", async () => {
    const { result } = await render("1 s empty prompt", {
      prompt: "   ",
      seed: "job-4",
      settings: settings({ durationSeconds: 1, aspectRatio: "4:3", audio: false }),
    });
    expect(await probe(result.videoFile)).toMatch(/, 640x480[ ,]/);
  });

  test("aborting kills ffmpeg, rejects with the abort reason and leaves no files", async () => {
    const outDir = path.join(dir, "aborted");
    const controller = new AbortController();
    const started = performance.now();
    const rendering = renderPreviewVideo(
      { prompt: "long one", seed: "x", settings: settings({ durationSeconds: 30 }) },
      outDir,
      undefined,
      controller.signal,
    );
    setTimeout(() => controller.abort(), 200);
    await expect(rendering).rejects.toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(readdirSync(outDir)).toEqual([]);

    await expect(
      renderPreviewVideo(
        { prompt: "x", seed: "x", settings: settings({}) },
        outDir,
        undefined,
        AbortSignal.abort(),
      ),
    ).rejects.toMatchObject({ name: "AbortError" });
  });

  test("an ffmpeg failure throws with ffmpeg's last words", async () => {
    const outDir = path.join(dir, "blocked");
    mkdirSync(path.join(outDir, "preview.mp4"), { recursive: true }); // a directory where the file goes
    await expect(
      renderPreviewVideo({ prompt: "x", seed: "x", settings: settings({ durationSeconds: 1 }) }, outDir),
    ).rejects.toThrow(/ffmpeg failed \(\d+\): .*(directory|preview\.mp4)/is);
    expect(existsSync(path.join(outDir, "preview.jpg"))).toBe(false);
  });

  test("durations outside 1..60 whole seconds are refused", async () => {
    for (const durationSeconds of [0, -1, 2.5, 61]) {
      await expect(
        renderPreviewVideo({ prompt: "x", seed: "x", settings: settings({ durationSeconds }) }, dir),
      ).rejects.toThrow(/whole seconds/);
    }
  });
});

describe("image-to-video previews", () => {
  test("an input photo becomes the picture, panned across the frame", async () => {
    const photo = path.join(dir, "photo.jpg");
    await sharp({ create: { width: 800, height: 600, channels: 3, background: "#2a9d8f" } })
      .jpeg()
      .toFile(photo);
    const { result } = await render("1 s 9:16 from a photo", {
      prompt: "my dog running on the beach",
      settings: settings({ durationSeconds: 1, aspectRatio: "9:16", audio: false }),
      seed: "photo",
      imageFile: photo,
    });
    const info = await probe(result.videoFile);
    expect(info).toMatch(/Video: h264/);
    expect(info).toMatch(/480x854/);
    // The photo's teal dominates the frame: sample the thumbnail's average colour.
    const { channels } = await sharp(result.thumbnailFile).stats();
    const [r, g, b] = channels.map((c) => c.mean) as [number, number, number];
    expect(g).toBeGreaterThan(r);
    expect(b).toBeGreaterThan(r);
  });

  test("the output keeps the chosen aspect ratio and resolution, or a 3:2 photo's own shape", async () => {
    const photo = path.join(dir, "photo-3x2.jpg");
    await sharp({ create: { width: 1536, height: 1024, channels: 3, background: "#e76f51" } })
      .jpeg()
      .toFile(photo);
    const cases: { label: string; input: Partial<VideoSettings>; image?: string; size: string }[] = [
      { label: "9:16 480p", input: { aspectRatio: "9:16", resolution: "480p" }, size: "480x854" },
      { label: "16:9 720p", input: { aspectRatio: "16:9", resolution: "720p" }, size: "1280x720" },
      { label: "1:1 1080p", input: { aspectRatio: "1:1", resolution: "1080p" }, size: "720x720" },
      {
        label: "3:2 photo, auto",
        input: { aspectRatio: "auto", resolution: "720p" },
        image: photo,
        size: "1080x720",
      },
    ];
    for (const { label, input, image, size } of cases) {
      const { result } = await render(`1 s ${label}`, {
        prompt: "a kite over the dunes",
        seed: label,
        settings: settings({ durationSeconds: 1, audio: false, ...input }),
        ...(image ? { imageFile: image } : {}),
      });
      const [width, height] = size.split("x").map(Number);
      expect(result, label).toMatchObject({ width, height });
      const info = await probe(result.videoFile);
      expect(info, label).toMatch(new RegExp(`Video: h264 \\((High|Main)\\).*, ${size}[ ,]`));
      expect(await probe(result.thumbnailFile), label).toMatch(new RegExp(`Video: mjpeg.*, ${size}[ ,]`));
    }
  });

  test("an image that only looks like a JPEG fails the render with ffmpeg's reason", async () => {
    const broken = path.join(dir, "broken.jpg");
    writeFileSync(broken, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(400, 7)]));
    await expect(
      renderPreviewVideo(
        {
          prompt: "x",
          settings: settings({ durationSeconds: 1, audio: false }),
          seed: "x",
          imageFile: broken,
        },
        path.join(dir, "broken-out"),
      ),
    ).rejects.toThrow(/ffmpeg/i);
  });
});

describe("layout helpers", () => {
  test("frame sizes follow the aspect ratio (or the image's) and the resolution's short side", () => {
    const size = (aspectRatio: string, resolution: string, image?: { width: number; height: number }) =>
      frameSize({ aspectRatio, resolution }, image);
    expect(size("16:9", "480p")).toEqual({ width: 854, height: 480 });
    expect(size("16:9", "720p")).toEqual({ width: 1280, height: 720 });
    expect(size("16:9", "1080p")).toEqual({ width: 1280, height: 720 });
    expect(size("9:16", "720p")).toEqual({ width: 720, height: 1280 });
    expect(size("1:1", "1080p")).toEqual({ width: 720, height: 720 });
    // Above 720p, and "auto" resolution, render at 720p (a quick preview).
    expect(size("16:9", "2160p")).toEqual({ width: 1280, height: 720 });
    expect(size("9:16", "auto")).toEqual({ width: 720, height: 1280 });
    // "auto" aspect follows the photo, 16:9 without one; extremes are kept within 21:9.
    expect(size("auto", "720p", { width: 1536, height: 1024 })).toEqual({ width: 1080, height: 720 });
    expect(size("auto", "720p", { width: 1536, height: 2048 })).toEqual({ width: 720, height: 960 });
    expect(size("auto", "480p")).toEqual({ width: 854, height: 480 });
    expect(size("auto", "480p", { width: 5000, height: 500 })).toEqual({ width: 1120, height: 480 });
    expect(h264Level(1280, 720)).toBe("3.1");
    expect(h264Level(1680, 720)).toBe("4.0");
  });

  test("prompts wrap to at most three lines, with an ellipsis when cut", () => {
    expect(wrapPrompt("a b c", 10, 3)).toEqual(["a b c"]);
    expect(wrapPrompt("one two three four", 9, 3)).toEqual(["one two", "three", "four"]);
    const long = wrapPrompt("word ".repeat(40), 12, 3);
    expect(long).toHaveLength(3);
    expect(long[2]?.endsWith("…")).toBe(true);
    for (const line of long) expect(Array.from(line).length).toBeLessThanOrEqual(12);
    expect(wrapPrompt("one two three four five six seven", 9, 2)).toEqual(["one two", "three…"]);
    expect(wrapPrompt("aaaa bbbb cccc dddd eeee ffff gggg", 14, 2)).toEqual(["aaaa bbbb cccc", "dddd eeee…"]);
    expect(wrapPrompt("aaaa bbbb cccc dddd eeeeeeee ffff", 14, 2)).toEqual([
      "aaaa bbbb cccc",
      "dddd eeeeeeee…",
    ]);
    expect(wrapPrompt("abcdefghijklmnopqrstuvwxyz", 10, 3)).toEqual(["abcdefghij", "klmnopqrst", "uvwxyz"]);
    expect(wrapPrompt("  line\nbreaks\tand\u0000controls  ", 40, 3)).toEqual(["line breaks and controls"]);
    expect(wrapPrompt("film 🎬 night ✨", 40, 3)).toEqual(["film night"]);
    expect(wrapPrompt("", 10, 3)).toEqual([]);
  });
});
