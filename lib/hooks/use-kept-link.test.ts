import { describe, expect, test } from "vitest";
import { sameFile } from "./use-kept-link";

describe("sameFile", () => {
  test("a re-signed link to the same file is the same file", () => {
    expect(sameFile("/media/videos/u1/j1.mp4?exp=100&sig=a", "/media/videos/u1/j1.mp4?exp=160&sig=b")).toBe(
      true,
    );
    expect(
      sameFile(
        "https://p.supabase.co/storage/v1/object/sign/videos/u1/j1.mp4?token=one",
        "https://p.supabase.co/storage/v1/object/sign/videos/u1/j1.mp4?token=two",
      ),
    ).toBe(true);
  });

  test("another path or another host is another file", () => {
    expect(sameFile("/media/videos/u1/j1.mp4?exp=1", "/media/videos/u1/j2.mp4?exp=1")).toBe(false);
    expect(sameFile("https://a.example/v.mp4?t=1", "https://b.example/v.mp4?t=1")).toBe(false);
    expect(sameFile("/media/videos/u1/j1.mp4", "https://b.example/media/videos/u1/j1.mp4")).toBe(false);
  });
});
