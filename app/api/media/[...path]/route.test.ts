import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { MediaStore } from "@/lib/server/storage";

// The real route over real files in a temporary DATA_DIR, configured through the environment.
const dataDir = mkdtempSync(path.join(tmpdir(), "rendio-media-"));
const video = new Uint8Array(randomBytes(150_000));
const thumbnail = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...randomBytes(2_000)]);

let route: typeof import("./route");
let store: MediaStore;
let files: typeof import("@/lib/server/storage/files");
let mediaKey: Uint8Array;

beforeAll(async () => {
  vi.resetModules();
  for (const [name, value] of Object.entries({
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    NEXT_PUBLIC_SUPABASE_URL: "",
    SESSION_SECRET: "",
  })) {
    vi.stubEnv(name, value);
  }
  route = await import("./route");
  files = await import("@/lib/server/storage/files");
  store = await (await import("@/lib/server/storage")).getMediaStore();
  mediaKey = await (await import("@/lib/server/secrets")).signingKey("media");
  await store.put("videos/u1/j1.mp4", video, "video/mp4");
  await store.put("videos/u1/j2.mp4", video.slice(0, 10), "video/mp4");
  await store.put("thumbnails/u1/j1.jpg", thumbnail, "image/jpeg");
});

afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Calls the handler as Next does: the path after /api/media/ split into decoded segments. */
function call(url: string, init: { method?: "GET" | "HEAD"; headers?: Record<string, string> } = {}) {
  const request = new Request(new URL(url, "http://localhost"), init);
  const rest = new URL(request.url).pathname.slice("/api/media/".length);
  const segments = rest.split("/").map((part) => decodeURIComponent(part));
  const handler = init.method === "HEAD" ? route.HEAD : route.GET;
  return handler(request, { params: Promise.resolve({ path: segments }) });
}

async function bytes(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer());
}

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/json");
  expect((await response.json()).error.code).toBe(code);
}

describe("signed links", () => {
  test("a valid link serves the whole file with its type and caching headers", async () => {
    const url = await store.signedUrl("videos/u1/j1.mp4", { expiresInSeconds: 600 });
    expect(url).toMatch(/^\/api\/media\/videos\/u1\/j1\.mp4\?exp=\d+&sig=[A-Za-z0-9_-]{43}$/);
    const response = await call(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("video/mp4");
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("content-length")).toBe(String(video.length));
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-disposition")).toBeNull();
    const maxAge = Number(/^private, max-age=(\d+)$/.exec(response.headers.get("cache-control") ?? "")?.[1]);
    expect(maxAge).toBeGreaterThan(590);
    expect(maxAge).toBeLessThanOrEqual(600);
    expect(await bytes(response)).toEqual(video);
  });

  test("images get their own content type", async () => {
    const response = await call(await store.signedUrl("thumbnails/u1/j1.jpg", { expiresInSeconds: 60 }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect(await bytes(response)).toEqual(thumbnail);
  });

  test("a bad signature is 403 forbidden", async () => {
    const url = await store.signedUrl("videos/u1/j1.mp4", { expiresInSeconds: 600 });
    const sig = new URL(url, "http://x").searchParams.get("sig") ?? "";
    const flipped = `${sig.slice(0, 10)}${sig[10] === "A" ? "B" : "A"}${sig.slice(11)}`;
    await expectError(await call(url.replace(sig, flipped)), 403, "forbidden");
    await expectError(await call(url.replace(/&sig=[^&]+/, "")), 403, "forbidden");
    await expectError(await call(url.replace(/exp=\d+&/, "")), 403, "forbidden");
    await expectError(await call(url.replace(sig, "x".repeat(200))), 403, "forbidden");
  });

  test("a signature for one path does not open another (tampered path)", async () => {
    const url = await store.signedUrl("videos/u1/j1.mp4", { expiresInSeconds: 600 });
    await expectError(await call(url.replace("j1.mp4", "j2.mp4")), 403, "forbidden");
    await expectError(await call(url.replace("videos/u1/", "videos/u2/")), 403, "forbidden");
  });

  test("a changed expiry or an added download name breaks the signature", async () => {
    const url = await store.signedUrl("videos/u1/j1.mp4", { expiresInSeconds: 600 });
    const exp = Number(new URL(url, "http://x").searchParams.get("exp"));
    await expectError(await call(url.replace(`exp=${exp}`, `exp=${exp + 3600}`)), 403, "forbidden");
    await expectError(await call(`${url}&dl=other.mp4`), 403, "forbidden");
  });

  test("an expired link is 403 forbidden", async () => {
    const past = files.filesMediaStore({
      root: files.mediaRoot(dataDir),
      key: async () => mediaKey,
      now: () => files.unixNow() - 3600,
    });
    const url = await past.signedUrl("videos/u1/j1.mp4", { expiresInSeconds: 60 });
    await expectError(await call(url), 403, "forbidden");
  });

  test("a correctly signed link to a missing file is 404 not_found", async () => {
    const url = await store.signedUrl("videos/u1/nothing.mp4", { expiresInSeconds: 600 });
    await expectError(await call(url), 404, "not_found");
    const folder = await store.signedUrl("videos/u1", { expiresInSeconds: 600 });
    await expectError(await call(folder), 404, "not_found");
  });

  test("dl=<name> makes it a download with a safe file name", async () => {
    const url = await store.signedUrl("videos/u1/j1.mp4", {
      expiresInSeconds: 600,
      download: 'rendio "fox".mp4',
    });
    expect(url).toContain("&dl=");
    const response = await call(url);
    expect(response.status).toBe(200);
    const disposition = response.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(/^attachment; filename="[A-Za-z0-9._ ()-]+"/);
    expect(disposition).toBe('attachment; filename="rendio _fox_.mp4"');
    await response.body?.cancel();

    const turkish = await call(
      await store.signedUrl("videos/u1/j1.mp4", { expiresInSeconds: 600, download: "güneş.mp4" }),
    );
    expect(turkish.headers.get("content-disposition")).toBe(
      "attachment; filename=\"gunes.mp4\"; filename*=UTF-8''g%C3%BCne%C5%9F.mp4",
    );
    await turkish.body?.cancel();
  });
});

describe("HEAD", () => {
  test("answers the headers without a body", async () => {
    const url = await store.signedUrl("videos/u1/j1.mp4", { expiresInSeconds: 600, download: "fox.mp4" });
    const response = await call(url, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(video.length));
    expect(response.headers.get("content-type")).toBe("video/mp4");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="fox.mp4"');
    expect(response.body).toBeNull();

    const ranged = await call(url, { method: "HEAD", headers: { range: "bytes=0-9" } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-length")).toBe("10");
    expect(ranged.body).toBeNull();
  });

  test("refuses bad links like GET", async () => {
    await expectError(
      await call("/api/media/videos/u1/j1.mp4?exp=1&sig=x", { method: "HEAD" }),
      403,
      "forbidden",
    );
  });
});

test("bad input is never a 500", async () => {
  const good = await store.signedUrl("videos/u1/j1.mp4", { expiresInSeconds: 600 });
  const query = good.slice(good.indexOf("?"));
  const key = mediaKey;
  const exp = files.unixNow() + 600;
  const cases: Array<{ segments: string[]; search: string }> = [
    { segments: ["..", "secret.key"], search: query },
    { segments: ["videos", "..", "..", "secret.key"], search: query },
    { segments: ["videos", "u1", "j1 .mp4"], search: query },
    { segments: ["videos\\u1", "j1.mp4"], search: query },
    { segments: [""], search: query },
    { segments: [], search: query },
    { segments: ["videos", "u1", "j1.mp4"], search: "?exp=99999999999999999999&sig=abc" },
    { segments: ["videos", "u1", "j1.mp4"], search: "?exp=-1&sig=abc" },
    { segments: ["videos", "u1", "j1.mp4"], search: "?exp=%00&sig=%FF%FE" },
    { segments: ["videos", "u1", "j1.mp4"], search: `${query}&dl=%ED%A0%80` },
    { segments: ["videos", "u1", "j1.mp4"], search: "" },
    // A signature over a path the store would never accept still does not open it.
    {
      segments: ["..", "secret.key"],
      search: `?exp=${exp}&sig=${files.signMedia(key, "../secret.key", exp, "")}`,
    },
  ];
  for (const { segments, search } of cases) {
    const request = new Request(`http://localhost/api/media/x${search}`);
    const response = await route.GET(request, { params: Promise.resolve({ path: segments }) });
    expect(response.status, `${segments.join("/")}${search}`).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
  }
  const weirdRanges = ["bytes=99999999999999999999-", "bytes=--1", "bytes= 0 - 1 ", "bytes=0-1 , 3-4"];
  for (const range of weirdRanges) {
    const response = await call(good, { headers: { range } });
    expect([200, 206, 416], range).toContain(response.status);
    await response.arrayBuffer();
  }
});

test("odd paths (encoded slashes, NUL, very long, unknown) answer a JSON error", async () => {
  const exp = files.unixNow() + 600;
  const signed = (path: string) => `?exp=${exp}&sig=${files.signMedia(mediaKey, path, exp, "")}`;
  const cases: Array<{ segments: string[]; search: string; status: number; code: string }> = [
    // Next hands `..%2F..%2Fsecret.key` over as one segment with the slashes decoded.
    { segments: ["../../secret.key"], search: signed("../../secret.key"), status: 404, code: "not_found" },
    { segments: ["videos/u1/j1.mp4"], search: signed("videos/u1/j1.mp4"), status: 404, code: "not_found" },
    {
      segments: ["videos", "u1", "j1\u0000.mp4"],
      search: signed("videos/u1/j1\u0000.mp4"),
      status: 403,
      code: "forbidden",
    },
    {
      segments: ["videos", "u1", `${"a".repeat(5000)}.mp4`],
      search: "?exp=1&sig=x",
      status: 403,
      code: "forbidden",
    },
    { segments: Array(600).fill("a"), search: "", status: 403, code: "forbidden" },
    {
      segments: ["videos", "u1", "unknown.mp4"],
      search: signed("videos/u1/unknown.mp4"),
      status: 404,
      code: "not_found",
    },
  ];
  for (const { segments, search, status, code } of cases) {
    const label = `${segments.join("/").slice(0, 60)}${search.slice(0, 20)}`;
    for (const handler of [route.GET, route.HEAD]) {
      const request = new Request(`http://localhost/api/media/x${search}`);
      const response = await handler(request, { params: Promise.resolve({ path: segments }) });
      expect(response.status, label).toBe(status);
      expect(response.headers.get("content-type"), label).toContain("application/json");
      expect((await response.json()).error.code, label).toBe(code);
    }
  }
});
