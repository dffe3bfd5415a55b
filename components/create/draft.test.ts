import { describe, expect, test } from "vitest";
import { clearDraft, DRAFT_IMAGE_MAX_AGE_MS, type Draft, draftKey, readDraft, writeDraft } from "./draft";

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

const now = 1_800_000_000_000;
const draft: Draft = {
  prompt: "A lighthouse in a storm",
  settings: { durationSeconds: 8, aspectRatio: "9:16", audio: false },
  themeId: null,
  image: { imageUrl: "inputs/u/a.jpg", previewUrl: "/api/media/a?sig=1", uploadedAt: now - 1000 },
};

describe("draft storage", () => {
  test("keys by model slug", () => {
    expect(draftKey("veo-3-1-fast")).toBe("rendio.draft.veo-3-1-fast");
  });

  test("writes and reads back per model", () => {
    const storage = memoryStorage();
    writeDraft(storage, "veo-3-1-fast", draft);
    expect(readDraft(storage, "veo-3-1-fast", now)).toEqual(draft);
    expect(readDraft(storage, "ltx-2-fast", now)).toBeNull();
  });

  test("an empty form removes the draft", () => {
    const storage = memoryStorage();
    writeDraft(storage, "m", draft);
    writeDraft(storage, "m", { prompt: "  ", settings: {}, themeId: null, image: null });
    expect(storage.map.size).toBe(0);
  });

  test("drops an uploaded image whose preview link is about to expire", () => {
    const storage = memoryStorage();
    writeDraft(storage, "m", draft);
    const later = now + DRAFT_IMAGE_MAX_AGE_MS + 1;
    expect(readDraft(storage, "m", later)?.image).toBeNull();
    expect(readDraft(storage, "m", later)?.prompt).toBe(draft.prompt);
  });

  test("survives junk, wrong types and broken storage", () => {
    const storage = memoryStorage();
    storage.map.set(draftKey("a"), "{not json");
    storage.map.set(draftKey("b"), JSON.stringify({ prompt: 42 }));
    storage.map.set(
      draftKey("c"),
      JSON.stringify({ prompt: "ok", settings: { durationSeconds: "8", audio: "yes", resolution: "720p" } }),
    );
    expect(readDraft(storage, "a", now)).toBeNull();
    expect(readDraft(storage, "b", now)).toBeNull();
    expect(readDraft(storage, "c", now)).toEqual({
      prompt: "ok",
      settings: { resolution: "720p" },
      themeId: null,
      image: null,
    });
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("quota");
      },
      removeItem: () => {
        throw new Error("denied");
      },
    };
    expect(readDraft(broken, "a", now)).toBeNull();
    expect(() => writeDraft(broken, "a", draft)).not.toThrow();
    expect(() => clearDraft(broken, "a")).not.toThrow();
    expect(readDraft(null, "a", now)).toBeNull();
  });
});
