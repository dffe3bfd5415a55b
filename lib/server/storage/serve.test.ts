import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { isAppError } from "../../errors";
import { DECLARED_LENGTH_HEADER } from "../content-length";
import { filesMediaStore, mediaRoot, unixNow } from "./files";
import { contentDisposition, parseRange, serveMediaFile } from "./serve";

test("single byte ranges", () => {
  expect(parseRange("bytes=0-1", 100)).toEqual([0, 1]);
  expect(parseRange("bytes=10-", 100)).toEqual([10, 99]);
  expect(parseRange("bytes=-10", 100)).toEqual([90, 99]);
  expect(parseRange("bytes=-1000", 100)).toEqual([0, 99]);
  expect(parseRange("bytes=50-5000", 100)).toEqual([50, 99]);
  expect(parseRange("Bytes = 3 - 4", 100)).toEqual([3, 4]);
  expect(parseRange("bytes=99-99", 100)).toEqual([99, 99]);
});

test("unsatisfiable ranges", () => {
  expect(parseRange("bytes=100-", 100)).toBe("unsatisfiable");
  expect(parseRange("bytes=100-200", 100)).toBe("unsatisfiable");
  expect(parseRange("bytes=-0", 100)).toBe("unsatisfiable");
  expect(parseRange("bytes=0-", 0)).toBe("unsatisfiable");
  expect(parseRange("bytes=-5", 0)).toBe("unsatisfiable");
});

test("headers a server may ignore serve the whole file", () => {
  for (const header of [
    null,
    "",
    "bytes=",
    "bytes=-",
    "bytes=5-1",
    "bytes=0-1,4-5",
    "items=0-1",
    "bytes=a-b",
    "bytes=99999999999999999999-",
  ]) {
    expect(parseRange(header, 100), String(header)).toBe("full");
  }
});

test("content disposition", () => {
  expect(contentDisposition("rendio.mp4")).toBe('attachment; filename="rendio.mp4"');
  expect(contentDisposition("video ñ.mp4")).toBe(
    "attachment; filename=\"video n.mp4\"; filename*=UTF-8''video%20%C3%B1.mp4",
  );
  expect(contentDisposition('x"; evil=1.mp4')).toBe(
    "attachment; filename=\"x_ evil_1.mp4\"; filename*=UTF-8''x_%3B%20evil%3D1.mp4",
  );
  expect(contentDisposition("\ud800")).toBe("attachment; filename=\"download\"; filename*=UTF-8''_");
});

// Real files in a temporary DATA_DIR, the configured files store's root.
const dataDir = mkdtempSync(path.join(tmpdir(), "rendio-serve-"));
const video = new Uint8Array(randomBytes(150_000));
const size = video.length;

beforeAll(async () => {
  for (const [name, value] of Object.entries({
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    NEXT_PUBLIC_SUPABASE_URL: "",
    SESSION_SECRET: "",
  })) {
    vi.stubEnv(name, value);
  }
  const store = filesMediaStore({ root: mediaRoot(dataDir), key: async () => new Uint8Array(32) });
  await store.put("videos/u1/j1.mp4", video, "video/mp4");
});

afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The stored video as the media route serves it, for a GET (or HEAD) with these headers. */
function serveVideo(headers: Record<string, string> = {}, withBody = true) {
  const request = new Request("http://localhost/api/media/videos/u1/j1.mp4", { headers });
  return serveMediaFile(request, {
    path: "videos/u1/j1.mp4",
    expiresAt: unixNow() + 600,
    download: null,
    withBody,
  });
}

async function bytes(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer());
}

test("a missing file is not_found", async () => {
  const request = new Request("http://localhost/api/media/videos/u1/nothing.mp4");
  const missing = serveMediaFile(request, {
    path: "videos/u1/nothing.mp4",
    expiresAt: unixNow() + 600,
    download: null,
    withBody: true,
  });
  await expect(missing).rejects.toSatisfy((error) => isAppError(error, "not_found"));
});

describe("ranges", () => {
  const ranged = (range: string, extra: Record<string, string> = {}) => serveVideo({ range, ...extra });

  test("the first bytes (Safari's bytes=0-1 probe)", async () => {
    const response = await ranged("bytes=0-1");
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 0-1/${size}`);
    expect(response.headers.get("content-length")).toBe("2");
    expect(await bytes(response)).toEqual(video.slice(0, 2));

    const more = await ranged("bytes=100-4099");
    expect(more.status).toBe(206);
    expect(more.headers.get("content-range")).toBe(`bytes 100-4099/${size}`);
    expect(await bytes(more)).toEqual(video.slice(100, 4100));
  });

  test("a suffix range serves the last n bytes", async () => {
    const response = await ranged("bytes=-500");
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes ${size - 500}-${size - 1}/${size}`);
    expect(await bytes(response)).toEqual(video.slice(size - 500));

    const larger = await ranged(`bytes=-${size * 2}`);
    expect(larger.status).toBe(206);
    expect(larger.headers.get("content-range")).toBe(`bytes 0-${size - 1}/${size}`);
    await larger.body?.cancel();
  });

  test("an open-ended range serves to the end", async () => {
    const response = await ranged("bytes=140000-");
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 140000-${size - 1}/${size}`);
    expect(response.headers.get("content-length")).toBe(String(size - 140000));
    expect(await bytes(response)).toEqual(video.slice(140000));
  });

  test("an end past the file is clamped", async () => {
    const response = await ranged(`bytes=${size - 10}-${size + 1000}`);
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    expect(await bytes(response)).toEqual(video.slice(size - 10));
  });

  test("a range past the end is 416 with the size", async () => {
    for (const range of [`bytes=${size}-`, `bytes=${size + 5}-${size + 10}`, "bytes=-0"]) {
      const response = await ranged(range);
      expect(response.status, range).toBe(416);
      expect(response.headers.get("content-range")).toBe(`bytes */${size}`);
    }
  });

  test("several ranges, other units and malformed headers get the whole file", async () => {
    for (const range of ["bytes=0-1,5-9", "items=0-1", "bytes=abc", "bytes=9-3", "bytes=-", "bytes=1e3-"]) {
      const response = await ranged(range);
      expect(response.status, range).toBe(200);
      expect(response.headers.get("content-range")).toBeNull();
      expect((await bytes(response)).length).toBe(size);
    }
  });

  test("If-Range with another validator gets the whole file", async () => {
    const response = await ranged("bytes=0-1", { "if-range": '"not-this-one"' });
    expect(response.status).toBe(200);
    const etag = response.headers.get("etag") ?? "";
    await response.arrayBuffer();
    const same = await ranged("bytes=0-1", { "if-range": etag });
    expect(same.status).toBe(206);
    await same.body?.cancel();
  });
});

test("lengths are declared for the server to restore (Next.js drops Content-Length)", async () => {
  const ranged = await serveVideo({ range: "bytes=0-1" });
  expect(ranged.headers.get(DECLARED_LENGTH_HEADER)).toBe("2");
  await ranged.body?.cancel();
  const head = await serveVideo({}, false);
  expect(head.headers.get(DECLARED_LENGTH_HEADER)).toBe(String(video.length));
});
