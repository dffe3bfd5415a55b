import "server-only";
import { spawn } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";

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
  /** Each chunk ffmpeg writes to stdout, as bytes (e.g. an image written to `pipe:1`). */
  onData?: (chunk: Buffer) => void;
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
    const decoder = new TextDecoder();
    child.stdout.on("data", (chunk: Buffer) => {
      options.onData?.(chunk);
      if (!options.onLine) return;
      stdout += decoder.decode(chunk, { stream: true });
      const lines = stdout.split("\n");
      stdout = lines.pop() ?? "";
      for (const line of lines) options.onLine(line);
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
  // An old file must not pass for this run's frame.
  await rm(/* turbopackIgnore: true */ thumbnailFile, { force: true });
  const jpeg = await thumbnailJpeg(videoFile, options);
  await writeFile(/* turbopackIgnore: true */ thumbnailFile, jpeg);
}

/** Protocols ffmpeg may use to read a video by URL: plain and TLS HTTP, nothing local. */
const REMOTE_PROTOCOLS = "http,https,tcp,tls";
/** A remote read that stalls this long (microseconds) fails instead of waiting for the time limit. */
const REMOTE_STALL_US = "15000000";

/**
 * One JPEG frame, `atSeconds` in, of the video at `input`: a local file, or an http(s) URL that
 * ffmpeg reads itself (ranges only of what it needs; nothing is written to disk). The frame comes
 * back in memory. Fails when the input is not a video ffmpeg can decode, or has no frame at that time.
 */
export async function thumbnailJpeg(
  input: string,
  options: { atSeconds: number; signal?: AbortSignal; timeoutMs?: number },
): Promise<Uint8Array> {
  const at = Math.max(0, options.atSeconds).toFixed(3);
  const remote = /^https?:\/\//i.test(input);
  const reading = remote ? ["-protocol_whitelist", REMOTE_PROTOCOLS, "-rw_timeout", REMOTE_STALL_US] : [];
  const chunks: Buffer[] = [];
  try {
    await runFfmpeg(
      [
        ...QUIET,
        ...reading,
        ...["-format_whitelist", VIDEO_CONTAINERS, "-ss", at, "-i", input],
        ...[
          "-map",
          "0:v:0",
          "-frames:v",
          "1",
          "-an",
          "-q:v",
          "4",
          "-f",
          "image2pipe",
          "-c:v",
          "mjpeg",
          "pipe:1",
        ],
      ],
      {
        signal: options.signal,
        timeoutMs: options.timeoutMs ?? 30_000,
        onData: (chunk) => void chunks.push(chunk),
      },
    );
  } catch (error) {
    if (options.signal?.aborted || error instanceof FfmpegTimeoutError) throw error;
    throw new Error(`Not a decodable video: ${input}: ${(error as Error).message}`, { cause: error });
  }
  // Seeking past the end succeeds with nothing written.
  if (chunks.length === 0) throw new Error(`Not a decodable video: ${input} has no frame at ${at} s`);
  return new Uint8Array(Buffer.concat(chunks));
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException("The render was aborted", "AbortError");
}
