import { describe, expect, test } from "vitest";
import { MAX_IMAGE_BYTES } from "@/lib/contracts/api";
import {
  checkImageFile,
  fitsUpload,
  fitWithin,
  MAX_IMAGE_EDGE,
  MAX_IMAGE_MEGABYTES,
  MAX_PICKED_IMAGE_BYTES,
  UPLOAD_ATTEMPTS,
} from "./image-size";

describe("fitWithin", () => {
  test("scales the long edge down to 2048 px, keeping proportions", () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 2048, height: 1536 });
    expect(fitWithin(3024, 4032)).toEqual({ width: 1536, height: 2048 });
    expect(fitWithin(6000, 6000)).toEqual({ width: 2048, height: 2048 });
  });

  test("never enlarges", () => {
    expect(fitWithin(1280, 720)).toEqual({ width: 1280, height: 720 });
    expect(fitWithin(MAX_IMAGE_EDGE, 10)).toEqual({ width: MAX_IMAGE_EDGE, height: 10 });
  });

  test("a very thin image keeps at least one pixel", () => {
    expect(fitWithin(100_000, 10)).toEqual({ width: 2048, height: 1 });
  });

  test("nonsense sizes give zero", () => {
    expect(fitWithin(0, 100)).toEqual({ width: 0, height: 0 });
    expect(fitWithin(Number.NaN, 100)).toEqual({ width: 0, height: 0 });
  });
});

describe("checkImageFile", () => {
  test("accepts JPEG, PNG and WebP, larger than the upload limit too (the device shrinks them)", () => {
    expect(checkImageFile({ type: "image/jpeg", size: 1000 })).toBeNull();
    expect(checkImageFile({ type: "image/PNG", size: MAX_IMAGE_BYTES })).toBeNull();
    expect(checkImageFile({ type: "image/jpeg", size: 12 * 1024 * 1024 })).toBeNull();
    expect(checkImageFile({ type: "image/webp", size: 1 })).toBeNull();
  });

  test("names the problem", () => {
    expect(checkImageFile({ type: "image/heic", size: 1000 })).toBe("type");
    expect(checkImageFile({ type: "", size: 1000 })).toBe("type");
    expect(checkImageFile({ type: "image/jpeg", size: MAX_PICKED_IMAGE_BYTES + 1 })).toBe("size");
    expect(checkImageFile({ type: "image/jpeg", size: 0 })).toBe("empty");
  });
});

describe("fitting the upload limit", () => {
  test("the limit people are told is the server's: 4 MB", () => {
    expect(MAX_IMAGE_MEGABYTES).toBe(4);
    expect(fitsUpload(MAX_IMAGE_BYTES)).toBe(true);
    expect(fitsUpload(MAX_IMAGE_BYTES + 1)).toBe(false);
    expect(fitsUpload(0)).toBe(false);
  });

  test("each attempt is smaller than the one before: first quality, then pixels", () => {
    expect(UPLOAD_ATTEMPTS[0]).toEqual({ maxEdge: MAX_IMAGE_EDGE, quality: 0.85 });
    for (let i = 1; i < UPLOAD_ATTEMPTS.length; i++) {
      const [before, now] = [UPLOAD_ATTEMPTS[i - 1], UPLOAD_ATTEMPTS[i]];
      expect(now?.maxEdge).toBeLessThanOrEqual(before?.maxEdge ?? 0);
      expect(now?.quality).toBeLessThanOrEqual(before?.quality ?? 0);
      expect(now).not.toEqual(before);
    }
  });

  test("the last attempt fits even at 1.5 bytes a pixel, far above what a JPEG photo takes", () => {
    const last = UPLOAD_ATTEMPTS.at(-1) as { maxEdge: number };
    const { width, height } = fitWithin(8000, 8000, last.maxEdge);
    expect(fitsUpload(Math.ceil(width * height * 1.5))).toBe(true);
    // A 48 MP phone photo ends within the limits on both sides.
    expect(fitWithin(8064, 6048, last.maxEdge)).toEqual({ width: 1280, height: 960 });
  });
});
