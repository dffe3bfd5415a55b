import { describe, expect, test } from "vitest";
import { MAX_PROMPT_LENGTH } from "@/lib/contracts/api";
import { buildCreateHref, hasCreateQuery, parseCreateQuery } from "./create-query";

describe("buildCreateHref", () => {
  test("carries prompt, settings and theme", () => {
    const href = buildCreateHref("veo-3-1-fast", {
      prompt: "A fox & a hare, 100% fun?",
      settings: { durationSeconds: 8, resolution: "720p", aspectRatio: "9:16", audio: false },
      themeSlug: "christmas-magic",
    });
    expect(href).toBe(
      "/create/veo-3-1-fast?prompt=A+fox+%26+a+hare%2C+100%25+fun%3F&duration=8&resolution=720p&aspect=9%3A16&audio=0&theme=christmas-magic",
    );
  });

  test("no options, no query", () => {
    expect(buildCreateHref("ltx-2-fast")).toBe("/create/ltx-2-fast");
  });
});

describe("parseCreateQuery", () => {
  test("round-trips what buildCreateHref wrote", () => {
    const settings = { durationSeconds: 6, resolution: "1080p", aspectRatio: "16:9", audio: true };
    const href = buildCreateHref("ltx-2-fast", {
      prompt: "Çok güzel ✨ niño",
      settings,
      themeSlug: "summer-beach",
    });
    const query = parseCreateQuery(new URL(href, "http://x").searchParams);
    expect(query).toEqual({ prompt: "Çok güzel ✨ niño", settings, themeSlug: "summer-beach" });
    expect(hasCreateQuery(query)).toBe(true);
  });

  test("reads Next's searchParams objects, first value of repeated params", () => {
    expect(parseCreateQuery({ duration: ["4", "8"], audio: "off", aspect: "auto" })).toEqual({
      settings: { durationSeconds: 4, audio: false, aspectRatio: "auto" },
    });
  });

  test("ignores what does not parse", () => {
    const query = parseCreateQuery({
      duration: "-3",
      resolution: "<script>",
      aspect: "wide",
      audio: "maybe",
      theme: "../etc",
      prompt: "   ",
    });
    expect(query).toEqual({ settings: {} });
    expect(hasCreateQuery(query)).toBe(false);
  });

  test("cuts an over-long prompt at the shared limit without splitting a character", () => {
    const long = `x${"🎬".repeat(MAX_PROMPT_LENGTH)}`;
    const prompt = parseCreateQuery({ prompt: long }).prompt ?? "";
    expect(prompt).toHaveLength(MAX_PROMPT_LENGTH - 1);
    expect(prompt.endsWith("🎬")).toBe(true);
  });
});
