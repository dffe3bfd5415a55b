import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { splitMediaPath, supabaseMediaStore } from "./supabase";

const dir = mkdtempSync(path.join(tmpdir(), "rendio-sb-media-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Seen = { method: string; url: string; headers: Headers; body: unknown };

/** Answers Supabase Storage's wire format (storage-api) without a network. */
function fakeStorage() {
  const seen: Seen[] = [];
  const fetchStub = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const raw = new Uint8Array(await request.arrayBuffer());
    const isJson = request.headers.get("content-type")?.includes("application/json");
    const body = isJson ? JSON.parse(new TextDecoder().decode(raw)) : raw;
    seen.push({ method: request.method, url: url.pathname + url.search, headers: request.headers, body });
    const upload = /^\/storage\/v1\/object\/(videos|thumbnails|inputs)\/(.+)$/.exec(url.pathname);
    const batch = /^\/storage\/v1\/object\/sign\/([a-z]+)$/.exec(url.pathname);
    if (request.method === "POST" && batch) {
      const { paths } = body as { expiresIn: number; paths: string[] };
      return Response.json(
        paths.map((key) => ({
          error: null,
          path: key,
          signedURL: `/object/sign/${batch[1]}/${key}?token=tok.${key.length}`,
        })),
      );
    }
    if (request.method === "POST" && url.pathname.startsWith("/storage/v1/object/sign/")) {
      const key = url.pathname.slice("/storage/v1/object/sign/".length);
      return Response.json({ signedURL: `/object/sign/${key}?token=tok.en` });
    }
    if (request.method === "POST" && upload) {
      return Response.json({ Id: "00000000-0000-0000-0000-000000000001", Key: `${upload[1]}/${upload[2]}` });
    }
    if (
      request.method === "DELETE" &&
      /^\/storage\/v1\/object\/(videos|thumbnails|inputs)$/.test(url.pathname)
    ) {
      return Response.json([]);
    }
    return Response.json(
      { statusCode: "404", error: "not_found", message: "Object not found" },
      { status: 400 },
    );
  }) as typeof fetch;
  return { seen, fetch: fetchStub };
}

test("the bucket is the first path segment, the key the rest", () => {
  expect(splitMediaPath("videos/u1/j1.mp4")).toEqual({ bucket: "videos", key: "u1/j1.mp4" });
  expect(splitMediaPath("inputs/u1/a.jpg")).toEqual({ bucket: "inputs", key: "u1/a.jpg" });
  expect(() => splitMediaPath("avatars/u1/a.jpg")).toThrow(/videos, thumbnails, inputs/);
  expect(() => splitMediaPath("videos")).toThrow();
  expect(() => splitMediaPath("videos/../x")).toThrow(/Invalid media path/);
});

test("upload, remove and sign speak Supabase Storage's API with the secret key", async () => {
  const fake = fakeStorage();
  const store = supabaseMediaStore({
    url: "http://supabase.test",
    secretKey: "sb_secret_test",
    fetch: fake.fetch,
  });

  await store.put("thumbnails/u1/j1.jpg", new Uint8Array([0xff, 0xd8, 0xff]), "image/jpeg");
  const upload = fake.seen.at(-1) as Seen;
  expect(upload.method).toBe("POST");
  expect(upload.url).toBe("/storage/v1/object/thumbnails/u1/j1.jpg");
  expect(upload.headers.get("content-type")).toBe("image/jpeg");
  expect(upload.headers.get("x-upsert")).toBe("true");
  expect(upload.headers.get("apikey")).toBe("sb_secret_test");
  expect([...(upload.body as Uint8Array)]).toEqual([0xff, 0xd8, 0xff]);

  const rendered = path.join(dir, "video.mp4");
  writeFileSync(rendered, "mp4 bytes");
  await store.putFile("videos/u1/j1.mp4", rendered, "video/mp4");
  const video = fake.seen.at(-1) as Seen;
  expect(video.url).toBe("/storage/v1/object/videos/u1/j1.mp4");
  expect(video.headers.get("content-type")).toBe("video/mp4");
  expect(new TextDecoder().decode(video.body as Uint8Array)).toBe("mp4 bytes");
  expect(existsSync(rendered)).toBe(false);

  const url = await store.signedUrl("videos/u1/j1.mp4", { expiresInSeconds: 600, download: "fox.mp4" });
  const sign = fake.seen.at(-1) as Seen;
  expect(sign.method).toBe("POST");
  expect(sign.url).toBe("/storage/v1/object/sign/videos/u1/j1.mp4");
  expect(sign.body).toEqual({ expiresIn: 600 });
  expect(url).toBe(
    "http://supabase.test/storage/v1/object/sign/videos/u1/j1.mp4?token=tok.en&download=fox.mp4",
  );
  const plain = await store.signedUrl("thumbnails/u1/j1.jpg", { expiresInSeconds: 60 });
  expect(plain).toBe("http://supabase.test/storage/v1/object/sign/thumbnails/u1/j1.jpg?token=tok.en");

  await store.delete(["videos/u1/j1.mp4", "thumbnails/u1/j1.jpg", "videos/u1/gone.mp4"]);
  const removals = fake.seen.filter((request) => request.method === "DELETE");
  expect(removals.map((r) => [r.url, r.body])).toEqual([
    ["/storage/v1/object/videos", { prefixes: ["u1/j1.mp4", "u1/gone.mp4"] }],
    ["/storage/v1/object/thumbnails", { prefixes: ["u1/j1.jpg"] }],
  ]);
});

test("a Storage error is thrown with its message; bad keys never reach the network", async () => {
  const fake = fakeStorage();
  const store = supabaseMediaStore({
    url: "http://supabase.test",
    secretKey: "sb_secret_test",
    fetch: fake.fetch,
  });
  await expect(store.signedUrl("../x.mp4", { expiresInSeconds: 60 })).rejects.toThrow(/Invalid media path/);
  await expect(store.put("avatars/u/a.jpg", new Uint8Array([1]), "image/jpeg")).rejects.toThrow();
  expect(fake.seen).toEqual([]);

  const failing = supabaseMediaStore({
    url: "http://supabase.test",
    secretKey: "sb_secret_test",
    fetch: (async () =>
      Response.json(
        { statusCode: "403", error: "Unauthorized", message: "new row violates row-level security" },
        {
          status: 400,
        },
      )) as typeof fetch,
  });
  await expect(failing.put("inputs/u/a.jpg", new Uint8Array([1]), "image/jpeg")).rejects.toThrow(
    /Supabase Storage upload inputs\/u\/a.jpg failed: new row violates/,
  );
});

test("a page of links is one batched sign call per bucket, in the order asked", async () => {
  const fake = fakeStorage();
  const store = supabaseMediaStore({
    url: "http://supabase.test",
    secretKey: "sb_secret_test",
    fetch: fake.fetch,
  });
  const jobs = ["j1", "j2", "j3"];
  const links = jobs.flatMap((job) => [
    { path: `videos/u1/${job}.mp4` },
    { path: `videos/u1/${job}.mp4`, download: `rendio ${job}.mp4` },
    { path: `thumbnails/u1/${job}.jpg` },
  ]);

  const urls = await store.signedUrls(links, { expiresInSeconds: 3600 });

  const signs = fake.seen.filter((request) => request.url.startsWith("/storage/v1/object/sign/"));
  expect(signs.map((r) => [r.method, r.url, r.body])).toEqual([
    [
      "POST",
      "/storage/v1/object/sign/videos",
      { expiresIn: 3600, paths: ["u1/j1.mp4", "u1/j2.mp4", "u1/j3.mp4"] },
    ],
    [
      "POST",
      "/storage/v1/object/sign/thumbnails",
      { expiresIn: 3600, paths: ["u1/j1.jpg", "u1/j2.jpg", "u1/j3.jpg"] },
    ],
  ]);
  expect(signs.every((r) => r.headers.get("apikey") === "sb_secret_test")).toBe(true);
  expect(urls.slice(0, 3)).toEqual([
    "http://supabase.test/storage/v1/object/sign/videos/u1/j1.mp4?token=tok.9",
    "http://supabase.test/storage/v1/object/sign/videos/u1/j1.mp4?token=tok.9&download=rendio%20j1.mp4",
    "http://supabase.test/storage/v1/object/sign/thumbnails/u1/j1.jpg?token=tok.9",
  ]);
  expect(urls[7]).toBe(
    "http://supabase.test/storage/v1/object/sign/videos/u1/j3.mp4?token=tok.9&download=rendio%20j3.mp4",
  );
  expect(urls).toHaveLength(9);
});

test("a link Storage could not sign fails the batch with its reason", async () => {
  const store = supabaseMediaStore({
    url: "http://supabase.test",
    secretKey: "sb_secret_test",
    fetch: (async () =>
      Response.json([
        { error: null, path: "u1/a.jpg", signedURL: "/object/sign/thumbnails/u1/a.jpg?token=t" },
        {
          error: "Either the object does not exist or you do not have access to it",
          path: "u1/b.jpg",
          signedURL: null,
        },
      ])) as typeof fetch,
  });
  await expect(
    store.signedUrls([{ path: "thumbnails/u1/a.jpg" }, { path: "thumbnails/u1/b.jpg" }], {
      expiresInSeconds: 60,
    }),
  ).rejects.toThrow(/sign thumbnails\/u1\/b.jpg failed: Either the object does not exist/);
});
