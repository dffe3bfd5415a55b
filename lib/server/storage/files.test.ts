import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { filesMediaStore, mediaFilePath, signMedia, verifyMediaSignature } from "./files";
import { assertMediaPath, contentTypeFor, mediaPathProblem, safeDownloadName } from "./media-store";

const dir = mkdtempSync(path.join(tmpdir(), "rendio-files-"));
const root = path.join(dir, "media");
const key = new Uint8Array(32).fill(7);
const now = 1_800_000_000;
const store = filesMediaStore({ root, key: async () => key, now: () => now });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("storage keys", () => {
  test("accepts the keys our code makes", () => {
    for (const good of [
      "videos/3f1c/9a2b.mp4",
      "thumbnails/u-1/j_2.jpg",
      "inputs/0b6e1c52-8d7e-4f3a-9b0e-2f9d1f1a7c11/a.b.c.jpg",
    ]) {
      expect(mediaPathProblem(good), good).toBeUndefined();
    }
  });

  test("rejects absolute, relative, backslashed, empty-segment and odd-character keys", () => {
    for (const bad of [
      "",
      "/videos/a.mp4",
      "../secret.key",
      "videos/../../secret.key",
      "videos/./a.mp4",
      "videos\\a.mp4",
      "videos//a.mp4",
      "videos/a.mp4/",
      "videos/a b.mp4",
      "videos/ä.mp4",
      "videos/a.mp4?x=1",
      "videos/a%2e.mp4",
      "x".repeat(600),
    ]) {
      expect(() => assertMediaPath(bad), JSON.stringify(bad)).toThrow(/Invalid media path/);
    }
  });

  test("a key always resolves inside the root", () => {
    expect(mediaFilePath(root, "videos/u/j.mp4")).toBe(path.join(root, "videos", "u", "j.mp4"));
    expect(() => mediaFilePath(root, "../x")).toThrow();
  });

  test("content types by extension", () => {
    expect(contentTypeFor("videos/u/j.mp4")).toBe("video/mp4");
    expect(contentTypeFor("thumbnails/u/j.jpg")).toBe("image/jpeg");
    expect(contentTypeFor("inputs/u/i.JPEG")).toBe("image/jpeg");
    expect(contentTypeFor("inputs/u/i.png")).toBe("image/png");
    expect(contentTypeFor("inputs/u/i.webp")).toBe("image/webp");
    expect(contentTypeFor("inputs/u/i.bin")).toBe("application/octet-stream");
  });

  test("download names are made safe for a quoted header", () => {
    expect(safeDownloadName("rendio-video.mp4")).toBe("rendio-video.mp4");
    expect(safeDownloadName('a"b\\c/d\r\ne.mp4')).toBe("a_b_c_d_e.mp4");
    expect(safeDownloadName("Ürün şöyle.mp4")).toBe("Urun soyle.mp4");
    expect(safeDownloadName("../..")).toBe("download");
    expect(safeDownloadName("")).toBe("download");
  });
});

describe("files adapter", () => {
  test("put writes atomically under <root>/<path> and replaces", async () => {
    await store.put("thumbnails/u1/j1.jpg", new Uint8Array([1, 2, 3]), "image/jpeg");
    await store.put("thumbnails/u1/j1.jpg", new Uint8Array([4, 5]), "image/jpeg");
    expect([...readFileSync(path.join(root, "thumbnails/u1/j1.jpg"))]).toEqual([4, 5]);
    expect(readdirSync(path.join(root, "thumbnails/u1"))).toEqual(["j1.jpg"]);
  });

  test("putFile moves a rendered file in", async () => {
    const rendered = path.join(dir, "render.mp4");
    writeFileSync(rendered, "video bytes");
    await store.putFile("videos/u1/j1.mp4", rendered, "video/mp4");
    expect(readFileSync(path.join(root, "videos/u1/j1.mp4"), "utf8")).toBe("video bytes");
    expect(existsSync(rendered)).toBe(false);
    await expect(store.putFile("videos/u1/j2.mp4", rendered, "video/mp4")).rejects.toThrow(/ENOENT/);
    expect(readdirSync(path.join(root, "videos/u1"))).toEqual(["j1.mp4"]);
  });

  test("delete removes files and ignores missing ones", async () => {
    await store.put("inputs/u1/a.jpg", new Uint8Array([1]), "image/jpeg");
    await store.delete(["inputs/u1/a.jpg", "inputs/u1/never.jpg", "videos/nobody/x.mp4"]);
    expect(existsSync(path.join(root, "inputs/u1/a.jpg"))).toBe(false);
    await store.delete([]);
  });

  test("operations refuse bad keys", async () => {
    await expect(store.put("../escape.jpg", new Uint8Array([1]), "image/jpeg")).rejects.toThrow();
    await expect(store.delete(["videos/../../x"])).rejects.toThrow();
    await expect(store.signedUrl("/abs.mp4", { expiresInSeconds: 60 })).rejects.toThrow();
    await expect(store.signedUrl("videos/a.mp4", { expiresInSeconds: 0 })).rejects.toThrow();
    await expect(store.signedUrl("videos/a.mp4", { expiresInSeconds: 1.5 })).rejects.toThrow();
    expect(existsSync(path.join(dir, "escape.jpg"))).toBe(false);
  });
});

describe("signed links", () => {
  function parse(url: string) {
    const parsed = new URL(url, "http://localhost");
    return {
      path: parsed.pathname.replace(/^\/api\/media\//, ""),
      exp: parsed.searchParams.get("exp"),
      sig: parsed.searchParams.get("sig"),
      dl: parsed.searchParams.get("dl"),
    };
  }

  test("format: /api/media/<path>?exp=<unix s>&sig=<base64url HMAC of path, exp, dl>[&dl=]", async () => {
    const url = await store.signedUrl("videos/u1/j1.mp4", { expiresInSeconds: 900 });
    const sig = signMedia(key, "videos/u1/j1.mp4", now + 900, "");
    expect(url).toBe(`/api/media/videos/u1/j1.mp4?exp=${now + 900}&sig=${sig}`);
    const download = await store.signedUrl("videos/u1/j1.mp4", {
      expiresInSeconds: 900,
      download: "my video & more.mp4",
    });
    expect(parse(download).dl).toBe("my video & more.mp4");
    expect(parse(download).sig).toBe(signMedia(key, "videos/u1/j1.mp4", now + 900, "my video & more.mp4"));
  });

  test("many links at once come back in the order asked, each as signedUrl would make it", async () => {
    const links = [
      { path: "videos/u1/j1.mp4" },
      { path: "videos/u1/j1.mp4", download: "a.mp4" },
      { path: "thumbnails/u1/j1.jpg" },
    ];
    const urls = await store.signedUrls(links, { expiresInSeconds: 900 });
    expect(urls).toEqual(
      await Promise.all(links.map((link) => store.signedUrl(link.path, { expiresInSeconds: 900, ...link }))),
    );
    expect(urls.map((url) => parse(url).path)).toEqual(links.map((link) => link.path));
    await expect(store.signedUrls([{ path: "../x" }], { expiresInSeconds: 60 })).rejects.toThrow();
  });

  test("verifies until expiry, then reports expired", async () => {
    const link = parse(
      await store.signedUrl("videos/u1/j1.mp4", { expiresInSeconds: 60, download: "a.mp4" }),
    );
    expect(verifyMediaSignature(key, link, now)).toEqual({ ok: true, expiresAt: now + 60 });
    expect(verifyMediaSignature(key, link, now + 59).ok).toBe(true);
    expect(verifyMediaSignature(key, link, now + 60)).toEqual({ ok: false, reason: "expired" });
  });

  test("any change to path, expiry, download name, signature or key fails", async () => {
    const link = parse(await store.signedUrl("videos/u1/j1.mp4", { expiresInSeconds: 60 }));
    const invalid = { ok: false, reason: "invalid" };
    expect(verifyMediaSignature(key, { ...link, path: "videos/u1/j2.mp4" }, now)).toEqual(invalid);
    expect(verifyMediaSignature(key, { ...link, exp: String(now + 61) }, now)).toEqual(invalid);
    expect(verifyMediaSignature(key, { ...link, dl: "x.mp4" }, now)).toEqual(invalid);
    expect(verifyMediaSignature(key, { ...link, sig: `${link.sig?.slice(0, -1)}A` }, now).ok).toBe(
      link.sig?.endsWith("A"),
    );
    expect(verifyMediaSignature(new Uint8Array(32).fill(8), link, now)).toEqual(invalid);
    for (const broken of [
      { ...link, sig: null },
      { ...link, exp: null },
      { ...link, exp: "1e12" },
      { ...link, exp: "-5" },
      { ...link, sig: "short" },
      { ...link, sig: `${link.sig}==` },
      { ...link, path: "../secret.key" },
    ]) {
      expect(verifyMediaSignature(key, broken, now)).toEqual(invalid);
    }
  });
});
