import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { SMALL_THUMBNAIL_WIDTH, thumbnailSrcSet } from "./thumbnail";

const publicDir = path.resolve(import.meta.dirname, "../../public");

describe("thumbnailSrcSet", () => {
  it("offers a local picture's small copy beside the full one", () => {
    expect(thumbnailSrcSet("/thumbnails/models/veo-3-1-fast.webp")).toBe(
      "/thumbnails/models/veo-3-1-fast-384.webp 384w, /thumbnails/models/veo-3-1-fast.webp 640w",
    );
  });

  it("offers none for a picture that is not one of ours", () => {
    expect(thumbnailSrcSet("https://cdn.example/veo.webp")).toBeUndefined();
    expect(thumbnailSrcSet("/api/media/thumbnails/u/j.jpg?exp=1&sig=s")).toBeUndefined();
    expect(thumbnailSrcSet("/thumbnails/models/veo.png")).toBeUndefined();
  });
});

describe("the committed pictures", () => {
  const pictures = ["models", "themes"].flatMap((folder) =>
    readdirSync(path.join(publicDir, "thumbnails", folder))
      .filter((name) => name.endsWith(".webp") && !name.endsWith(`-${SMALL_THUMBNAIL_WIDTH}.webp`))
      .map((name) => `/thumbnails/${folder}/${name}`),
  );

  it("are all there (8 models, 8 themes)", () => {
    expect(pictures).toHaveLength(16);
  });

  it.each(pictures)("%s has its small copy, 384×216 and lighter", async (src) => {
    const [small, full] = (thumbnailSrcSet(src) ?? "")
      .split(", ")
      .map((entry) => entry.split(" ")[0] as string);
    expect(full).toBe(src);
    const smallMeta = await sharp(path.join(publicDir, small as string)).metadata();
    const fullMeta = await sharp(path.join(publicDir, src)).metadata();
    expect([smallMeta.format, smallMeta.width, smallMeta.height]).toEqual(["webp", 384, 216]);
    expect([fullMeta.width, fullMeta.height]).toEqual([640, 360]);
    const bytes = (file: string) => statSync(path.join(publicDir, file)).size;
    expect(bytes(small as string)).toBeLessThan(bytes(src));
  });
});
