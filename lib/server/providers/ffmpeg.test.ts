import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FfmpegTimeoutError, makeThumbnail, runFfmpeg, thumbnailJpeg } from "./ffmpeg";

const dir = mkdtempSync(path.join(tmpdir(), "rendio-ffmpeg-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const QUIET = ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y"];
const video = path.join(dir, "tiny.mp4");

beforeAll(async () => {
  // Two seconds of ffmpeg's test pattern, 160x120, as H.264 in MP4.
  await runFfmpeg([
    ...QUIET,
    ...["-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=2"],
    ...["-c:v", "libx264", "-pix_fmt", "yuv420p", video],
  ]);
});

describe("makeThumbnail", () => {
  test("writes one JPEG frame of the video", async () => {
    const thumbnail = path.join(dir, "tiny.jpg");
    await makeThumbnail(video, thumbnail, { atSeconds: 0.5 });
    expect([...readFileSync(thumbnail).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(await sharp(thumbnail).metadata()).toMatchObject({ format: "jpeg", width: 160, height: 120 });
  });

  test("replaces an older file of the same name", async () => {
    const thumbnail = path.join(dir, "again.jpg");
    writeFileSync(thumbnail, "stale");
    await makeThumbnail(video, thumbnail, { atSeconds: 1 });
    expect([...readFileSync(thumbnail).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });

  test.each(["notes.mp4", "notes.txt"])("a text file is not a video (%s)", async (name) => {
    // ffmpeg reads a .txt as ANSI art, a "video" of its own.
    const text = path.join(dir, name);
    writeFileSync(text, "hello, I am not a video\n");
    const thumbnail = path.join(dir, `${name}.jpg`);
    await expect(makeThumbnail(text, thumbnail, { atSeconds: 0 })).rejects.toThrow(/Not a decodable video/);
    expect(existsSync(thumbnail)).toBe(false);
  });

  test("a still image is not a video", async () => {
    const image = path.join(dir, "still.png");
    await sharp({ create: { width: 64, height: 64, channels: 3, background: "#3366cc" } })
      .png()
      .toFile(image);
    await expect(makeThumbnail(image, path.join(dir, "still.jpg"), { atSeconds: 0 })).rejects.toThrow(
      /Not a decodable video/,
    );
  });

  test("a time past the end of the video fails, leaving no file", async () => {
    const thumbnail = path.join(dir, "late.jpg");
    writeFileSync(thumbnail, "stale");
    await expect(makeThumbnail(video, thumbnail, { atSeconds: 30 })).rejects.toThrow(/no frame at 30\.000 s/);
    expect(existsSync(thumbnail)).toBe(false);
  });
});

describe("runFfmpeg", () => {
  test("reports ffmpeg's own error when it fails", async () => {
    await expect(runFfmpeg([...QUIET, "-i", path.join(dir, "missing.mp4"), "out.mp4"])).rejects.toThrow(
      /ffmpeg failed \(1\):.*missing\.mp4/s,
    );
  });

  test("passes each stdout line to onLine, with the working directory it was given", async () => {
    const lines: string[] = [];
    await runFfmpeg(
      [
        ...QUIET,
        ...["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=1"],
        ...["-progress", "pipe:1", "-c:v", "mjpeg", "relative.avi"],
      ],
      { cwd: dir, onLine: (line) => lines.push(line) },
    );
    expect(lines).toContain("progress=end");
    expect(statSync(path.join(dir, "relative.avi")).size).toBeGreaterThan(0);
  });

  test("a run past its time limit is killed", async () => {
    // Endless input, tagged so the process can be looked for afterwards.
    const tag = `rendio-timeout-${randomUUID()}`;
    const started = performance.now();
    const run = runFfmpeg(
      [
        ...QUIET,
        ...["-re", "-f", "lavfi", "-i", "testsrc=rate=10"],
        "-metadata",
        `title=${tag}`,
        "-f",
        "null",
        "-",
      ],
      { timeoutMs: 500 },
    );
    await expect(run).rejects.toBeInstanceOf(FfmpegTimeoutError);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(processesWith(tag)).toEqual([]);
  });

  test("an aborted run is killed and rejects with the abort reason", async () => {
    const tag = `rendio-abort-${randomUUID()}`;
    const controller = new AbortController();
    const run = runFfmpeg(
      [
        ...QUIET,
        ...["-re", "-f", "lavfi", "-i", "testsrc=rate=10"],
        "-metadata",
        `title=${tag}`,
        "-f",
        "null",
        "-",
      ],
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(new Error("stop now")), 300);
    await expect(run).rejects.toThrow("stop now");
    expect(processesWith(tag)).toEqual([]);
  });
});

/** Ids of running processes whose command line contains `text` (Linux /proc). */
function processesWith(text: string): string[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(text);
      } catch {
        return false; // gone meanwhile
      }
    });
}

describe("thumbnailJpeg from a URL", () => {
  /**
   * A plain HTTP server serving the test video (its index at the end, so ffmpeg must seek) with
   * byte ranges as CDNs do, and a text file posing as a video.
   */
  async function serve(): Promise<{ url: string; close: () => Promise<void> }> {
    const server = createServer((request, response) => {
      if (request.url === "/video.mp4") {
        const bytes = readFileSync(video);
        const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? "");
        if (!range) {
          response.writeHead(200, { "content-type": "video/mp4", "accept-ranges": "bytes" }).end(bytes);
          return;
        }
        const start = Number(range[1]);
        const end = range[2] ? Math.min(Number(range[2]), bytes.length - 1) : bytes.length - 1;
        response
          .writeHead(206, {
            "content-type": "video/mp4",
            "accept-ranges": "bytes",
            "content-range": `bytes ${start}-${end}/${bytes.length}`,
          })
          .end(bytes.subarray(start, end + 1));
      } else if (request.url === "/notes.txt") {
        response.writeHead(200, { "content-type": "video/mp4" }).end("not a video at all\n".repeat(50));
      } else {
        response.writeHead(503).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
  }

  test("reads the video over HTTP and returns the frame in memory", async () => {
    const server = await serve();
    try {
      const jpeg = await thumbnailJpeg(`${server.url}/video.mp4`, { atSeconds: 0.5 });
      expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      expect(await sharp(jpeg).metadata()).toMatchObject({ format: "jpeg", width: 160, height: 120 });
      await expect(thumbnailJpeg(`${server.url}/notes.txt`, { atSeconds: 0 })).rejects.toThrow(
        /Not a decodable video/,
      );
      await expect(thumbnailJpeg(`${server.url}/video.mp4`, { atSeconds: 30 })).rejects.toThrow(
        /no frame at 30\.000 s/,
      );
      const down = thumbnailJpeg(`${server.url}/gone.mp4`, { atSeconds: 0 });
      await expect(down).rejects.toThrow(/Not a decodable video/);
      await expect(down.catch((error: Error) => (error.cause as Error).message)).resolves.toMatch(
        /Server returned 5/,
      );
    } finally {
      await server.close();
    }
  });
});
