import { describe, expect, it } from "vitest";
import type { CatalogModel } from "@/lib/contracts/api";
import type { Theme } from "@/lib/contracts/catalog";
import {
  catalogListing,
  cheapestGeneration,
  creditBanner,
  foldText,
  searchCatalog,
  themeHref,
} from "./catalog";

const model = (over: Partial<CatalogModel>): CatalogModel =>
  ({
    id: "6d0d0001-0000-4000-8000-000000000001",
    slug: "veo",
    name: "Veo 3.1 Fast",
    description: "Cinematic clips with sound",
    category: "text-to-video",
    minCredits: 4,
    ...over,
  }) as CatalogModel;

const theme = (over: Partial<Theme>): Theme =>
  ({
    id: "7e3e0001-0000-4000-8000-000000000001",
    slug: "summer-beach",
    name: "Summer Beach",
    description: "Waves and sunshine",
    modelId: null,
    ...over,
  }) as Theme;

describe("foldText", () => {
  it("ignores case, accents and extra spaces", () => {
    expect(foldText("  Görselden   VİDEOYA ", "tr")).toBe("gorselden videoya");
    expect(foldText("Animación", "es")).toBe("animacion");
    expect(foldText("IŞIK", "tr")).toBe("isik");
    expect(foldText("İstanbul", "en")).toBe("istanbul");
  });
});

describe("searchCatalog", () => {
  const catalog = {
    models: [
      model({}),
      model({ id: "b", slug: "sora", name: "Sora 2", description: "Realistic photo clips" }),
    ],
    themes: [theme({}), theme({ slug: "xmas", name: "Christmas Magic", description: "Snow" })],
  };

  it("returns everything for an empty query", () => {
    expect(searchCatalog(catalog, "   ", "en")).toBe(catalog);
  });

  it("matches name or description, every word, case-insensitively", () => {
    expect(searchCatalog(catalog, "SORA", "en").models.map((m) => m.slug)).toEqual(["sora"]);
    expect(searchCatalog(catalog, "clips sound", "en").models.map((m) => m.slug)).toEqual(["veo"]);
    expect(searchCatalog(catalog, "snow", "en").themes.map((t) => t.slug)).toEqual(["xmas"]);
  });

  it("can match extra terms such as a category label", () => {
    const result = searchCatalog(catalog, "text to", "en", (m) => m.category.replaceAll("-", " "));
    expect(result.models.map((m) => m.slug)).toEqual(["veo", "sora"]);
  });

  it("matches at word starts only: 'kling' finds Kling, not 'twinkling'", () => {
    const withKling = {
      models: [
        model({ slug: "kling", name: "Kling 2.5 Turbo Pro", description: "Smooth motion" }),
        model({ slug: "stars", name: "Night", description: "A twinkling sky, ice-skating" }),
      ],
      themes: [theme({ name: "Twinkling Lights", description: "Sparkles" })],
    };
    const found = searchCatalog(withKling, "kling", "en");
    expect(found.models.map((m) => m.slug)).toEqual(["kling"]);
    expect(found.themes).toEqual([]);
    expect(searchCatalog(withKling, "2.5 tur", "en").models.map((m) => m.slug)).toEqual(["kling"]);
    // After a hyphen or other punctuation a new word starts.
    expect(searchCatalog(withKling, "skating", "en").models.map((m) => m.slug)).toEqual(["stars"]);
    expect(searchCatalog(withKling, "inkling", "en").models).toEqual([]);
  });

  it("finds nothing for a word that is nowhere", () => {
    const result = searchCatalog(catalog, "zzz", "en");
    expect(result.models).toEqual([]);
    expect(result.themes).toEqual([]);
  });
});

describe("credit banners", () => {
  it("uses the cheapest generation as the threshold", () => {
    expect(cheapestGeneration([model({ minCredits: 8 }), model({ minCredits: 3 })])).toBe(3);
    expect(cheapestGeneration([])).toBeUndefined();
  });

  it("warns below the cheapest video and says empty at 0", () => {
    expect(creditBanner(0, 4)).toBe("empty");
    expect(creditBanner(0, undefined)).toBe("empty");
    expect(creditBanner(3, 4)).toBe("low");
    expect(creditBanner(4, 4)).toBeNull();
    expect(creditBanner(10, 4)).toBeNull();
    expect(creditBanner(3, undefined)).toBeNull();
  });
});

describe("themeHref", () => {
  const models = [model({}), model({ id: "6d0d0002-0000-4000-8000-000000000002", slug: "sora" })];

  it("opens the theme's model with the theme preset", () => {
    expect(themeHref(theme({ modelId: "6d0d0002-0000-4000-8000-000000000002" }), models)).toBe(
      "/create/sora?theme=summer-beach",
    );
  });

  it("falls back to the first model, or nothing without models", () => {
    expect(themeHref(theme({ modelId: null }), models)).toBe("/create/veo?theme=summer-beach");
    expect(themeHref(theme({ modelId: "6d0d0009-0000-4000-8000-000000000009" }), models)).toBe(
      "/create/veo?theme=summer-beach",
    );
    expect(themeHref(theme({}), [])).toBeUndefined();
  });
});

describe("catalogListing", () => {
  const fullModel: CatalogModel = {
    id: "6d0d0001-0000-4000-8000-000000000001",
    slug: "veo-3-1-fast",
    name: "Veo 3.1 Fast",
    description: "Cinematic clips with optional native sound.",
    category: "text-to-video",
    provider: "fal",
    thumbnailUrl: "/thumbnails/models/veo-3-1-fast.webp",
    isFeatured: true,
    // What only the form needs: the listing must leave these out, whatever they hold.
    inputs: { image: "none" } as CatalogModel["inputs"],
    pricing: { basis: "per_second" } as CatalogModel["pricing"],
    typicalSeconds: 23,
    minCredits: 4,
  } as CatalogModel;
  const fullTheme: Theme = {
    id: "7e3e0001-0000-4000-8000-000000000001",
    slug: "christmas-magic",
    name: "Christmas Magic",
    description: "Snowfall and twinkling lights.",
    prompt: "A snowy village square on Christmas Eve at dusk.",
    thumbnailUrl: "/thumbnails/themes/christmas-magic.webp",
    modelId: fullModel.id,
    defaultSettings: { durationSeconds: 8, resolution: "720p" },
    isFeatured: true,
  };

  it("keeps what Home shows and searches, and leaves out what only the form needs", () => {
    const listing = catalogListing({ models: [fullModel], themes: [fullTheme] });
    expect(listing.models).toEqual([
      {
        id: fullModel.id,
        slug: "veo-3-1-fast",
        name: "Veo 3.1 Fast",
        description: "Cinematic clips with optional native sound.",
        category: "text-to-video",
        thumbnailUrl: "/thumbnails/models/veo-3-1-fast.webp",
        isFeatured: true,
        typicalSeconds: 23,
        minCredits: 4,
      },
    ]);
    expect(listing.themes).toEqual([
      {
        id: fullTheme.id,
        slug: "christmas-magic",
        name: "Christmas Magic",
        description: "Snowfall and twinkling lights.",
        thumbnailUrl: "/thumbnails/themes/christmas-magic.webp",
        modelId: fullModel.id,
      },
    ]);
  });
});
