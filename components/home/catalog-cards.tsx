import type { ReactNode } from "react";
import type { CatalogListing, ListedModel } from "@/lib/contracts/api";
import type { CardWords } from "./card-words";
import { themeHref } from "./catalog";
import { FeaturedSlide } from "./featured-slide";
import { ModelCard } from "./model-card";
import { ThemeCard } from "./theme-card";

/** Catalog cards by id, rendered on the server: the browser only places them (search, carousel). */
export type CatalogCards = {
  featured: Record<string, ReactNode>;
  themes: Record<string, ReactNode>;
  models: Record<string, ReactNode>;
};

export function catalogCards(
  catalog: CatalogListing,
  wordsFor: (model: ListedModel) => CardWords,
): CatalogCards {
  const featured = catalog.models.filter((model) => model.isFeatured);
  return {
    featured: Object.fromEntries(
      featured.map((model, i) => [
        model.id,
        <FeaturedSlide key={model.id} model={model} words={wordsFor(model)} eager={i === 0} />,
      ]),
    ),
    themes: Object.fromEntries(
      catalog.themes.flatMap((theme) => {
        const href = themeHref(theme, catalog.models);
        return href ? [[theme.id, <ThemeCard key={theme.id} theme={theme} href={href} />]] : [];
      }),
    ),
    models: Object.fromEntries(
      catalog.models.map((model) => [
        model.id,
        <ModelCard key={model.id} model={model} words={wordsFor(model)} />,
      ]),
    ),
  };
}
