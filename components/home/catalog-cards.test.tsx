import type { ReactElement } from "react";
import { describe, expect, it } from "vitest";
import type { CatalogModel, CatalogResponse } from "@/lib/contracts/api";
import type { Theme } from "@/lib/contracts/catalog";
import { catalogCards } from "./catalog-cards";

const model = (id: string, isFeatured: boolean): CatalogModel =>
  ({ id, slug: `model-${id}`, name: `Model ${id}`, isFeatured }) as CatalogModel;
const theme = (id: string): Theme => ({ id, slug: `theme-${id}`, modelId: null }) as Theme;

const props = (node: unknown) => (node as ReactElement<Record<string, unknown>>).props;

describe("catalogCards", () => {
  const catalog = {
    models: [model("a", false), model("b", true), model("c", true)],
    themes: [theme("t1")],
  } as CatalogResponse;
  const words = {
    kind: "Text to video",
    from: "from 3 credits",
    usualTime: "Ready in about 1 min",
    tryIt: "Try it",
  };
  const cards = catalogCards(catalog, () => words);

  it("has a card for every model and a slide for every featured one, the first loaded at once", () => {
    expect(Object.keys(cards.models)).toEqual(["a", "b", "c"]);
    expect(Object.keys(cards.featured)).toEqual(["b", "c"]);
    expect(props(cards.featured.b).eager).toBe(true);
    expect(props(cards.featured.c).eager).toBe(false);
  });

  it("links a theme to its model's form, and leaves out themes with no model to open", () => {
    expect(props(cards.themes.t1).href).toBe("/create/model-a?theme=theme-t1");
    expect(catalogCards({ ...catalog, models: [] }, () => words).themes).toEqual({});
  });
});
