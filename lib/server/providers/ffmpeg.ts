import "server-only";
import { spawn } from "node:child_process";
import { rm, stat } from "node:fs/promises";

/**
 * The static ffmpeg of @ffmpeg-installer/ffmpeg, shared by the providers: the local one renders
 * with it, every provider makes its thumbnails (and checks a delivered file is a video) with it.
 */

/** Flags every run starts with: no banner, no prompt, no progress chatter, errors only. */
const QUIET = ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y"];
const DEFAULT_TIMEOUT_MS = 120_000;
/**
 * The demuxers a video may come in (MP4/MOV, Matroska/WebM). Without this ffmpeg happily decodes
 * a text file (as ANSI art) or a still image into a "frame", which would pass for a video.
 */
const VIDEO_CONTAINERS = "mov,mp4,matroska,webm";

/** ffmpeg ran past its time limit and was killed. */
export class FfmpegTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`ffmpeg took longer than ${timeoutMs} ms and was stopped`);
    this.name = "FfmpegTimeoutError";
  }
}

let binary: Promise<string> | undefined;

/** The static ffmpeg binary, loaded on first use (the package resolves its platform's build). */
export function ffmpegBinary(): Promise<string> {
  binary ??= import("@ffmpeg-installer/ffmpeg").then((module) => module.default.path);
  return binary;
}

export type FfmpegOptions = {
  /** Working directory of the ffmpeg process (relative file names in the arguments resolve here). */
  cwd?: string;
  /** Aborting kills ffmpeg and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Each line ffmpeg writes to stdout (e.g. `-progress pipe:1`). */
  onLine?: (line: string) => void;
  /** Past this ffmpeg is killed and the run rejects (default 120 s). */
  timeoutMs?: number;
};

/** Runs ffmpeg with `args`; rejects with the tail of its error output when it fails. */
export async function runFfmpeg(args: string[], options: FfmpegOptions = {}): Promise<void> {
  const { signal } = options;
  signal?.throwIfAborted();
  const ffmpeg = await ffmpegBinary();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const child = spawn(ffmpeg, args, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
    const kill = () => child.kill("SIGKILL");
    signal?.addEventListener("abort", kill, { once: true });
    // No input may hang a render (and with it a paid job): past the limit ffmpeg is killed.
    let timedOut = false;
    const limit = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);

    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const lines = stdout.split("\n");
      stdout = lines.pop() ?? "";
      for (const line of lines) options.onLine?.(line);
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });

    const settle = () => {
      clearTimeout(limit);
      signal?.removeEventListener("abort", kill);
    };
    child.on("error", (error) => {
      settle();
      reject(error);
    });
    child.on("close", (code, killedBy) => {
      settle();
      if (signal?.aborted) reject(abortReason(signal));
      else if (timedOut) reject(new FfmpegTimeoutError(timeoutMs));
      else if (code === 0) resolve();
      else {
        const tail = stderr.trim().split("\n").slice(-8).join("\n");
        reject(new Error(`ffmpeg failed (${code ?? killedBy}): ${tail || "no output"}`));
      }
    });
  });
}

/**
 * Writes one JPEG frame of `videoFile`, `atSeconds` in, to `thumbnailFile`. Fails when the file
 * is not a video ffmpeg can decode, or has no frame at that time.
 */
export async function makeThumbnail(
  videoFile: string,
  thumbnailFile: string,
  options: { atSeconds: number; signal?: AbortSignal; timeoutMs?: number },
): Promise<void> {
  const at = Math.max(0, options.atSeconds).toFixed(3);
  // An old file must not pass for this run's frame (see the size check below).
  await rm(/* turbopackIgnore: true */ thumbnailFile, { force: true });
  try {
    await runFfmpeg(
      [
        ...QUIET,
        ...["-format_whitelist", VIDEO_CONTAINERS, "-ss", at, "-i", videoFile],
        ...["-map", "0:v:0", "-frames:v", "1", "-an", "-q:v", "4", "-f", "image2", thumbnailFile],
      ],
      { signal: options.signal, timeoutMs: options.timeoutMs ?? 30_000 },
    );
  } catch (error) {
    if (options.signal?.aborted || error instanceof FfmpegTimeoutError) throw error;
    throw new Error(`Not a decodable video: ${videoFile}: ${(error as Error).message}`, { cause: error });
  }
  // Seeking past the end succeeds with nothing written.
  const size = await stat(/* turbopackIgnore: true */ thumbnailFile).then(
    (file) => file.size,
    () => 0,
  );
  if (size === 0) throw new Error(`Not a decodable video: ${videoFile} has no frame at ${at} s`);
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException("The render was aborted", "AbortError");
}
