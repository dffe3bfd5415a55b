import "server-only";
import { createHash } from "node:crypto";
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { VideoSettings } from "../../../contracts/catalog";
import { frameSize } from "../../../contracts/preview";
import { makeThumbnail, runFfmpeg } from "../ffmpeg";

/**
 * The `local` provider's renderer (docs/architecture.md): no AI, a real short MP4
 * whose picture is derived from the prompt — an animated plasma whose shapes, colours, motion and
 * soft tone come deterministically from a hash of prompt + seed, with the prompt drawn over it —
 * plus a JPEG thumbnail, made with the static ffmpeg of @ffmpeg-installer/ffmpeg.
 *
 * The frame follows the settings: the chosen aspect ratio (or the photo's, for "auto") and the
 * resolution's short side, up to 720p (frameSize in lib/contracts/preview.ts).
 *
 * H.264 High (level 3.1, or 4.0 for frames wider than 16:9 at 720p), yuv420p, 24 fps, AAC, `+faststart`: plays in Safari
 * and every browser.
 */

export type RenderInput = {
  prompt: string;
  settings: VideoSettings;
  seed: string;
  /** For image-to-video: a local image file the preview slowly pans across instead of the gradient. */
  imageFile?: string;
};
export type RenderResult = {
  videoFile: string;
  thumbnailFile: string;
  width: number;
  height: number;
  durationSeconds: number;
};

const FPS = 24;
const MAX_SECONDS = 60;
const FONT_DIR = "/usr/share/fonts/truetype/dejavu";
const PROMPT_FONT = `${FONT_DIR}/DejaVuSans-Bold.ttf`;
const LABEL_FONT = `${FONT_DIR}/DejaVuSans.ttf`;
const LABEL = "Rendio preview";
/** The plasma is computed at 1/6 of the frame size and scaled up: it is smooth, and geq is slow. */
const PLASMA_SCALE = 6;
/** Share of the progress bar taken by the video pass; the thumbnail pass takes the rest. */
const VIDEO_SHARE = 0.92;

/** The H.264 level a frame size needs: 3.1 up to 3600 macroblocks (1280×720), else 4.0 (wide 720p). */
export function h264Level(width: number, height: number): string {
  const macroblocks = Math.ceil(width / 16) * Math.ceil(height / 16);
  return macroblocks <= 3600 ? "3.1" : "4.0";
}

/** A PNG's size from its IHDR chunk (the renderer decodes every input image to PNG first). */
export function pngSize(png: Buffer): { width: number; height: number } | undefined {
  if (png.length < 24 || png.toString("latin1", 12, 16) !== "IHDR") return undefined;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * The prompt as at most `maxLines` lines of at most `maxChars` characters: whitespace collapsed,
 * control characters and emoji (no glyphs in DejaVu) dropped, long words broken, an ellipsis
 * when it does not fit.
 */
export function wrapPrompt(prompt: string, maxChars: number, maxLines: number): string[] {
  const cleaned = prompt
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu, " ")
    .replace(/\p{Extended_Pictographic}|[\u{1F000}-\u{1FFFF}]|\uFE0F/gu, "")
    .replace(/\s+/g, " ")
    .trim();
  const words = cleaned === "" ? [] : cleaned.split(" ").flatMap((word) => chunk(word, maxChars));
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const candidate = line === "" ? word : `${line} ${word}`;
    if (length(candidate) <= maxChars) {
      line = candidate;
      continue;
    }
    lines.push(line);
    line = word;
  }
  if (line !== "") lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  // The last line ends with an ellipsis, cut at a word boundary when one is near the end.
  const chars = Array.from(kept[maxLines - 1] ?? "");
  let last = chars.slice(0, maxChars - 1).join("");
  const space = last.lastIndexOf(" ");
  if (chars.length > maxChars - 1 && space >= last.length * 0.6) last = last.slice(0, space);
  kept[maxLines - 1] = `${last.replace(/[\s.,;:!?-]+$/, "")}…`;
  return kept;
}

function length(text: string): number {
  return Array.from(text).length;
}

function chunk(word: string, size: number): string[] {
  const chars = Array.from(word);
  const parts: string[] = [];
  for (let i = 0; i < chars.length; i += size) parts.push(chars.slice(i, i + size).join(""));
  return parts;
}

/** Everything the picture and sound take from the prompt, as numbers from its hash. */
export function lookFor(prompt: string, seed: string) {
  const hash = createHash("sha256").update(`rendio-preview\n${prompt}\n${seed}`).digest();
  let index = 0;
  // 16-bit draws from the hash, in order; 32 bytes give 16 draws, more come from re-hashing.
  let pool: Buffer = hash;
  const next = (): number => {
    if (index + 2 > pool.length) {
      pool = createHash("sha256").update(pool).digest();
      index = 0;
    }
    const value = pool.readUInt16BE(index) / 65535;
    index += 2;
    return value;
  };
  const between = (low: number, high: number) => low + (high - low) * next();
  const signed = (low: number, high: number) => between(low, high) * (next() < 0.5 ? -1 : 1);

  const hue = next();
  const spread = between(0.12, 0.34);
  const roots = [196, 220, 246.94, 261.63, 293.66];
  return {
    waves: [0, 1, 2, 3].map(() => ({
      frequency: between(4.5, 11),
      speed: signed(0.35, 1.1),
      phase: between(0, 2 * Math.PI),
    })),
    angle: between(0, Math.PI),
    center: { x: between(-0.35, 0.35), y: between(-0.3, 0.3) },
    zoom: signed(0.05, 0.12),
    palette: {
      brightness: between(0.34, 0.42),
      contrast: between(0.24, 0.31),
      range: between(0.45, 0.85),
      phases: [hue, hue + spread, hue + 2 * spread],
    },
    hueDrift: signed(4, 14),
    tone: {
      root: roots[Math.floor(next() * roots.length) % roots.length] as number,
      third: next() < 0.5 ? 1.25 : 1.2,
      tremolo: between(0.2, 0.6),
    },
  };
}

const n = (value: number) => value.toFixed(4);

/** The ffmpeg arguments of the video pass (exported for tests and benchmarks). */
export function videoArgs(options: {
  prompt: string;
  seed: string;
  width: number;
  height: number;
  durationSeconds: number;
  audio: boolean;
  /** Files in ffmpeg's working directory holding the prompt lines; empty when no font. */
  lineFiles: string[];
  labelFile: string | undefined;
  imageFile?: string;
  output: string;
}): string[] {
  const { width, height, durationSeconds: d } = options;
  const look = lookFor(options.prompt, options.seed);
  const small = (size: number) => Math.max(16, 2 * Math.round(size / PLASMA_SCALE / 2));

  // Centred coordinates in frame heights, slowly zooming; four interfering waves.
  const zoom = `(1-${n(look.zoom)}*T/${d})`;
  const x = `((X-W/2)/H*${zoom})`;
  const y = `((Y-H/2)/H*${zoom})`;
  const [w1, w2, w3, w4] = look.waves as [
    (typeof look.waves)[0],
    (typeof look.waves)[0],
    (typeof look.waves)[0],
    (typeof look.waves)[0],
  ];
  const cos = n(Math.cos(look.angle));
  const sin = n(Math.sin(look.angle));
  const plasma = [
    `sin(${x}*${n(w1.frequency)}+T*${n(w1.speed)}+${n(w1.phase)})`,
    `sin(${y}*${n(w2.frequency)}+T*${n(w2.speed)}+${n(w2.phase)})`,
    `sin((${x}*${cos}+${y}*${sin})*${n(w3.frequency)}+T*${n(w3.speed)}+${n(w3.phase)})`,
    `sin(hypot(${x}-${n(look.center.x)},${y}-${n(look.center.y)})*${n(w4.frequency)}+T*${n(w4.speed)})`,
  ].join("+");
  const p = look.palette;
  const channel = (phase: number) =>
    `255*(${n(p.brightness)}+${n(p.contrast)}*cos(2*PI*(${n(p.range)}*val/255+${n(phase)})))`;
  const [red, green, blue] = p.phases as [number, number, number];

  // A photo to animate: cover the frame 12 % larger, then pan across it over the clip.
  const evenUp = (size: number) => 2 * Math.ceil(size / 2);
  const photo = [
    `[0:v]scale=${evenUp(width * 1.12)}:${evenUp(height * 1.12)}:force_original_aspect_ratio=increase`,
    `crop=${width}:${height}:x='(iw-ow)*t/${d}':y='(ih-oh)/2'`,
    "setsar=1",
    "format=yuv420p",
    "vignette=PI/6",
  ];
  const gradient = [
    `nullsrc=s=${small(width)}x${small(height)}:r=${FPS}:d=${d}`,
    "format=gray",
    `geq=lum='255*((${plasma})/8+0.5)'`,
    "format=rgb24",
    `lutrgb=r='${channel(red)}':g='${channel(green)}':b='${channel(blue)}'`,
    `hue=h='${n(look.hueDrift)}*t'`,
    `scale=${width}x${height}:flags=bicubic`,
    "setsar=1",
    "vignette=PI/5",
  ];
  const filters = options.imageFile ? photo : gradient;

  const minSide = Math.min(width, height);
  const fontSize = Math.round(minSide * 0.06);
  const lineHeight = Math.round(fontSize * 1.34);
  const lines = options.lineFiles.length;
  const firstBaseline = Math.round(height * 0.47 - (lines * lineHeight) / 2 + fontSize * 0.95);
  options.lineFiles.forEach((file, i) => {
    filters.push(
      [
        `drawtext=fontfile=${PROMPT_FONT}:textfile=${file}:expansion=none`,
        `fontsize=${fontSize}:fontcolor=white:shadowcolor=black@0.5:shadowx=2:shadowy=2`,
        `x=(w-text_w)/2:y=${firstBaseline + i * lineHeight}-ascent`,
        `alpha='min(1,t/0.5)'`,
      ].join(":"),
    );
  });
  if (options.labelFile) {
    const labelSize = Math.max(12, Math.round(minSide * 0.031));
    const margin = Math.round(labelSize * 1.1);
    filters.push(
      [
        `drawtext=fontfile=${LABEL_FONT}:textfile=${options.labelFile}:expansion=none`,
        `fontsize=${labelSize}:fontcolor=white@0.8:shadowcolor=black@0.4:shadowx=1:shadowy=1`,
        `x=w-text_w-${margin}:y=h-${margin}-ascent`,
      ].join(":"),
    );
  }
  filters.push("format=yuv420p");

  const graph = [`${filters.join(",")}[v]`];
  if (options.audio) {
    // A quiet, slowly breathing chord (about -22 dBFS peak) that fades in and out.
    const { root, third, tremolo } = look.tone;
    const envelope = `max(0,min(1,t/0.5))*max(0,min(1,(${d}-t)/0.7))*(0.8+0.2*sin(2*PI*${n(tremolo)}*t))`;
    const voice = (detune: number) =>
      `0.045*(sin(2*PI*${n(root * detune)}*t)+0.5*sin(2*PI*${n(root * third * detune)}*t)` +
      `+0.3*sin(2*PI*${n(root * 1.5 * detune)}*t))*${envelope}`;
    graph.push(`aevalsrc=exprs='${voice(1)}|${voice(1.003)}':s=44100:d=${d}[a]`);
  }

  return [
    "-hide_banner",
    "-nostdin",
    "-nostats",
    "-loglevel",
    "error",
    "-y",
    ...(options.imageFile
      ? ["-loop", "1", "-framerate", String(FPS), "-t", String(d), "-i", options.imageFile]
      : []),
    "-filter_complex",
    graph.join(";"),
    "-map",
    "[v]",
    ...(options.audio ? ["-map", "[a]", "-c:a", "aac", "-b:a", "96k", "-ar", "44100"] : ["-an"]),
    "-c:v",
    "libx264",
    "-preset",
    "veryfast",
    "-profile:v",
    "high",
    "-level:v",
    h264Level(width, height),
    "-pix_fmt",
    "yuv420p",
    "-crf",
    "24",
    "-g",
    String(FPS * 2),
    "-r",
    String(FPS),
    "-t",
    String(d),
    "-map_metadata",
    "-1",
    "-movflags",
    "+faststart",
    "-progress",
    "pipe:1",
    options.output,
  ];
}

async function fontsAvailable(): Promise<boolean> {
  try {
    await Promise.all([access(PROMPT_FONT), access(LABEL_FONT)]);
    return true;
  } catch {
    return false;
  }
}

export async function renderPreviewVideo(
  input: RenderInput,
  outDir: string,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<RenderResult> {
  const durationSeconds = input.settings.durationSeconds;
  if (!Number.isInteger(durationSeconds) || durationSeconds < 1 || durationSeconds > MAX_SECONDS) {
    throw new Error(`Preview duration must be 1..${MAX_SECONDS} whole seconds, got ${durationSeconds}`);
  }
  signal?.throwIfAborted();
  // Every path here is a work folder chosen at run time, never a file of the app: the ignore
  // comments keep the build's file tracing from following them (it would take in the whole project).
  const dir = path.resolve(/* turbopackIgnore: true */ outDir);
  await mkdir(/* turbopackIgnore: true */ dir, { recursive: true });
  const videoFile = path.join(/* turbopackIgnore: true */ dir, "preview.mp4");
  const thumbnailFile = path.join(/* turbopackIgnore: true */ dir, "preview.jpg");

  // Text goes through files in ffmpeg's working directory, so no prompt character ever needs
  // filtergraph escaping (`:` `'` `%` `\` `,` are all literal; expansion=none).
  const textDir = await mkdtemp(path.join(/* turbopackIgnore: true */ dir, ".text-"));
  const inTextDir = (file: string) => path.join(/* turbopackIgnore: true */ textDir, file);
  let reported = 0;
  const report = (fraction: number) => {
    const clamped = Math.min(1, Math.max(0, fraction));
    if (clamped === 1 ? reported < 1 : clamped - reported >= 0.05) {
      reported = clamped;
      onProgress?.(clamped);
    }
  };
  try {
    // Decode the photo once into a plain PNG: a broken file fails here at once (looping a file
    // ffmpeg cannot decode would never finish), and odd formats or sizes are normalised.
    let imageFile: string | undefined;
    let imageSize: { width: number; height: number } | undefined;
    if (input.imageFile) {
      imageFile = inTextDir("input.png");
      await runFfmpeg(
        [
          ...["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y"],
          ...[
            "-i",
            path.resolve(/* turbopackIgnore: true */ input.imageFile),
            "-frames:v",
            "1",
            "-vf",
            "scale='min(2048,iw)':-2",
            imageFile,
          ],
        ],
        { cwd: textDir, signal, timeoutMs: 20_000 },
      );
      imageSize = pngSize(await readFile(/* turbopackIgnore: true */ imageFile));
    }
    const { width, height } = frameSize(input.settings, imageSize);

    const lineFiles: string[] = [];
    let labelFile: string | undefined;
    if (await fontsAvailable()) {
      const maxChars = Math.floor((width * 0.84) / (Math.round(Math.min(width, height) * 0.06) * 0.62));
      const lines = wrapPrompt(input.prompt, maxChars, 3);
      for (const [i, line] of lines.entries()) {
        const file = `line-${i + 1}.txt`;
        await writeFile(/* turbopackIgnore: true */ inTextDir(file), line, "utf8");
        lineFiles.push(file);
      }
      labelFile = "label.txt";
      await writeFile(/* turbopackIgnore: true */ inTextDir(labelFile), LABEL, "utf8");
    }

    const args = videoArgs({
      prompt: input.prompt,
      seed: input.seed,
      width,
      height,
      durationSeconds,
      audio: input.settings.audio,
      lineFiles,
      labelFile,
      imageFile,
      output: videoFile,
    });
    const total = durationSeconds * 1_000_000;
    await runFfmpeg(args, {
      cwd: textDir,
      signal,
      timeoutMs: 60_000 + durationSeconds * 10_000,
      onLine: (line) => {
        // ffmpeg's out_time_ms is in microseconds too (a historical misnomer); newer ones add out_time_us.
        const match = /^out_time_(?:us|ms)=(\d+)$/.exec(line.trim());
        if (match) report((Number(match[1]) / total) * VIDEO_SHARE);
      },
    });
    report(VIDEO_SHARE);

    await makeThumbnail(videoFile, thumbnailFile, { atSeconds: durationSeconds / 3, signal });
    report(1);
    return { videoFile, thumbnailFile, width, height, durationSeconds };
  } catch (error) {
    // Best effort: the render's own error is the one worth reporting.
    const discard = (file: string) =>
      rm(/* turbopackIgnore: true */ file, { force: true }).catch(() => undefined);
    await Promise.all([discard(videoFile), discard(thumbnailFile)]);
    throw error;
  } finally {
    await rm(/* turbopackIgnore: true */ textDir, { recursive: true, force: true }).catch(() => undefined);
  }
}
