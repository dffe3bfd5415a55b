import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type SupabaseStandIn, startSupabaseStandIn } from "../../../scripts/test-support/stand-ins/supabase";
import { migratedPglite } from "../../../scripts/test-support/stand-ins/supabase/pglite";
import { splitMediaPath, supabaseMediaStore } from "./supabase";

/**
 * The Supabase Storage adapter over HTTP to the Supabase stand-in (scripts/test-support/stand-ins/supabase),
 * whose buckets are the rows our migration makes in storage.buckets (PGlite here).
 */

const dir = mkdtempSync(path.join(tmpdir(), "rendio-sb-media-"));
let pglite: PGlite;
let standIn: SupabaseStandIn;

beforeAll(async () => {
  pglite = await migratedPglite();
  standIn = await startSupabaseStandIn({ pglite });
});
afterAll(async () => {
  await standIn.close();
  await pglite.close();
  rmSync(dir, { recursive: true, force: true });
});

const store = () => supabaseMediaStore({ url: standIn.url, secretKey: standIn.secretKey });
/** Storage calls from now on, with their JSON bodies. */
function storageCalls() {
  const from = standIn.calls.length;
  return () =>
    standIn.calls
      .slice(from)
      .filter((c) => c.service === "storage")
      .map((c) => ({
        ...c,
        json: c.headers["content-type"]?.includes("json") ? JSON.parse(c.body) : undefined,
      }));
}
/** A signed link's form: the stand-in's token is a JWT, so only its place is checked. */
const signedLink = (objectPath: string, download?: string) =>
  new RegExp(
    `^${standIn.url}/storage/v1/object/sign/${objectPath}\\?token=[\\w.-]+${download ? `&download=${encodeURIComponent(download)}` : ""}$`,
  );

test("the bucket is the first path segment, the key the rest", () => {
  expect(splitMediaPath("videos/u1/j1.mp4")).toEqual({ bucket: "videos", key: "u1/j1.mp4" });
  expect(splitMediaPath("inputs/u1/a.jpg")).toEqual({ bucket: "inputs", key: "u1/a.jpg" });
  expect(() => splitMediaPath("avatars/u1/a.jpg")).toThrow(/videos, thumbnails, inputs/);
  expect(() => splitMediaPath("videos")).toThrow();
  expect(() => splitMediaPath("videos/../x")).toThrow(/Invalid media path/);
});

test("upload, remove and sign speak Supabase Storage's API with the secret key", async () => {
  const calls = storageCalls();
  const media = store();

  await media.put("thumbnails/u1/j1.jpg", new Uint8Array([0xff, 0xd8, 0xff]), "image/jpeg");
  const upload = calls().at(-1);
  expect(upload).toMatchObject({
    method: "POST",
    path: "/storage/v1/object/thumbnails/u1/j1.jpg",
    status: 200,
  });
  expect(upload?.headers["content-type"]).toBe("image/jpeg");
  expect(upload?.headers["x-upsert"]).toBe("true");
  expect(upload?.headers.apikey).toBe(standIn.secretKey);
  expect([...(standIn.objects.get("thumbnails/u1/j1.jpg")?.data ?? [])]).toEqual([0xff, 0xd8, 0xff]);

  const rendered = path.join(dir, "video.mp4");
  writeFileSync(rendered, "mp4 bytes");
  await media.putFile("videos/u1/j1.mp4", rendered, "video/mp4");
  const video = calls().at(-1);
  expect(video?.path).toBe("/storage/v1/object/videos/u1/j1.mp4");
  expect(video?.headers["content-type"]).toBe("video/mp4");
  expect(new TextDecoder().decode(standIn.objects.get("videos/u1/j1.mp4")?.data)).toBe("mp4 bytes");
  expect(existsSync(rendered)).toBe(false);

  const url = await media.signedUrl("videos/u1/j1.mp4", { expiresInSeconds: 600, download: "fox.mp4" });
  const sign = calls().at(-1);
  expect(sign).toMatchObject({ method: "POST", path: "/storage/v1/object/sign/videos/u1/j1.mp4" });
  expect(sign?.json).toEqual({ expiresIn: 600 });
  expect(url).toMatch(signedLink("videos/u1/j1.mp4", "fox.mp4"));
  const fetched = await fetch(url);
  expect(await fetched.text()).toBe("mp4 bytes");
  expect(fetched.headers.get("content-disposition")).toMatch(/filename=fox\.mp4/);
  const plain = await media.signedUrl("thumbnails/u1/j1.jpg", { expiresInSeconds: 60 });
  expect(plain).toMatch(signedLink("thumbnails/u1/j1.jpg"));

  await media.delete(["videos/u1/j1.mp4", "thumbnails/u1/j1.jpg", "videos/u1/gone.mp4"]);
  const removals = calls().filter((c) => c.method === "DELETE");
  expect(removals.map((r) => [r.path, r.json])).toEqual([
    ["/storage/v1/object/videos", { prefixes: ["u1/j1.mp4", "u1/gone.mp4"] }],
    ["/storage/v1/object/thumbnails", { prefixes: ["u1/j1.jpg"] }],
  ]);
  expect(standIn.objects.has("videos/u1/j1.mp4")).toBe(false);
  expect(standIn.objects.has("thumbnails/u1/j1.jpg")).toBe(false);
});

test("a Storage error is thrown with its message; bad keys never reach the network", async () => {
  const calls = storageCalls();
  const media = store();
  await expect(media.signedUrl("../x.mp4", { expiresInSeconds: 60 })).rejects.toThrow(/Invalid media path/);
  await expect(media.put("avatars/u/a.jpg", new Uint8Array([1]), "image/jpeg")).rejects.toThrow();
  expect(calls()).toEqual([]);

  // Without the secret key Storage applies its policies, and there are none for the API roles.
  const failing = supabaseMediaStore({ url: standIn.url, secretKey: standIn.publishableKey });
  await expect(failing.put("inputs/u/a.jpg", new Uint8Array([1]), "image/jpeg")).rejects.toThrow(
    /Supabase Storage upload inputs\/u\/a.jpg failed: new row violates/,
  );
});

test("a page of links is one batched sign call per bucket, in the order asked", async () => {
  const media = store();
  const jobs = ["j1", "j2", "j3"];
  for (const job of jobs) {
    await media.put(`videos/u2/${job}.mp4`, new Uint8Array([1]), "video/mp4");
    await media.put(`thumbnails/u2/${job}.jpg`, new Uint8Array([2]), "image/jpeg");
  }
  const links = jobs.flatMap((job) => [
    { path: `videos/u2/${job}.mp4` },
    { path: `videos/u2/${job}.mp4`, download: `rendio ${job}.mp4` },
    { path: `thumbnails/u2/${job}.jpg` },
  ]);
  const calls = storageCalls();

  const urls = await media.signedUrls(links, { expiresInSeconds: 3600 });

  const signs = calls().filter((c) => c.path.startsWith("/storage/v1/object/sign/"));
  expect(signs.map((r) => [r.method, r.path, r.json])).toEqual([
    [
      "POST",
      "/storage/v1/object/sign/videos",
      { expiresIn: 3600, paths: ["u2/j1.mp4", "u2/j2.mp4", "u2/j3.mp4"] },
    ],
    [
      "POST",
      "/storage/v1/object/sign/thumbnails",
      { expiresIn: 3600, paths: ["u2/j1.jpg", "u2/j2.jpg", "u2/j3.jpg"] },
    ],
  ]);
  expect(signs.every((r) => r.headers.apikey === standIn.secretKey)).toBe(true);
  expect(urls).toHaveLength(9);
  expect(urls[0]).toMatch(signedLink("videos/u2/j1.mp4"));
  expect(urls[1]).toMatch(signedLink("videos/u2/j1.mp4", "rendio j1.mp4"));
  expect(urls[2]).toMatch(signedLink("thumbnails/u2/j1.jpg"));
  expect(urls[7]).toMatch(signedLink("videos/u2/j3.mp4", "rendio j3.mp4"));
  // The same object's links share one signature; each link opens its object.
  expect(urls[1]?.startsWith(urls[0] as string)).toBe(true);
  expect([...new Uint8Array(await (await fetch(urls[8] as string)).arrayBuffer())]).toEqual([2]);
});

test("a link Storage could not sign fails the batch with its reason", async () => {
  const media = store();
  await media.put("thumbnails/u3/a.jpg", new Uint8Array([1]), "image/jpeg");
  await expect(
    media.signedUrls([{ path: "thumbnails/u3/a.jpg" }, { path: "thumbnails/u3/b.jpg" }], {
      expiresInSeconds: 60,
    }),
  ).rejects.toThrow(/sign thumbnails\/u3\/b.jpg failed: Either the object does not exist/);
});
