import { describe, expect, test } from "vitest";
import { MAX_IMAGE_BYTES } from "@/lib/contracts/api";
import { checkImageFile, fitWithin, MAX_IMAGE_EDGE } from "./image-size";

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
  test("accepts JPEG, PNG and WebP up to the limit", () => {
    expect(checkImageFile({ type: "image/jpeg", size: 1000 })).toBeNull();
    expect(checkImageFile({ type: "image/PNG", size: MAX_IMAGE_BYTES })).toBeNull();
    expect(checkImageFile({ type: "image/webp", size: 1 })).toBeNull();
  });

  test("names the problem", () => {
    expect(checkImageFile({ type: "image/heic", size: 1000 })).toBe("type");
    expect(checkImageFile({ type: "", size: 1000 })).toBe("type");
    expect(checkImageFile({ type: "image/jpeg", size: MAX_IMAGE_BYTES + 1 })).toBe("size");
    expect(checkImageFile({ type: "image/jpeg", size: 0 })).toBe("empty");
  });
});
