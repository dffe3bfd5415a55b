import { describe, expect, test } from "vitest";
// @ts-expect-error: a plain .mjs script without type declarations
import { MODELS, modelSvg } from "@/scripts/make-thumbnails.mjs";

type ModelArt = { slug: string; lines: string[]; maker: string };

/** The words drawn into a model's thumbnail (everything inside <text> elements). */
function drawnWords(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1] as string);
}

describe("catalog thumbnails carry no words in a language", () => {
  test.each((MODELS as ModelArt[]).map((m) => [m.slug, m]))("%s: only its maker and name", (_slug, model) => {
    const words = drawnWords(modelSvg(model) as string);
    expect(new Set(words)).toEqual(new Set([model.maker, ...model.lines]));
    expect(words.join(" ")).not.toMatch(/TEXT|IMAGE|VIDEO|→/i);
  });
});
