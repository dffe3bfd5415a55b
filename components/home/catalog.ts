import type { CatalogListing, CatalogResponse, ListedModel, ListedTheme } from "@/lib/contracts/api";

/**
 * Text folded for forgiving search: lower case in the page's language, accents dropped
 * ("Görsel" matches "gorsel"), Turkish dotless ı treated as i, spaces collapsed.
 */
export function foldText(text: string, locale: string): string {
  return text
    .toLocaleLowerCase(locale)
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replaceAll("ı", "i")
    .replace(/\s+/g, " ")
    .trim();
}

/** True when `word` starts a word of `text` (at its start, or after a character that is no letter or digit). */
export function startsAWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (at === 0 || !/[\p{L}\p{N}]/u.test(text.charAt(at - 1))) return true;
  }
  return false;
}

/**
 * Models and themes where every word of the query starts a word of the name or description
 * ("kling" finds "Kling 2.5", not "twinkling"; "vid" finds "video").
 */
export function searchCatalog(
  catalog: CatalogListing,
  query: string,
  locale: string,
  extraTerms: (model: ListedModel) => string = () => "",
): CatalogListing {
  const words = foldText(query, locale).split(" ").filter(Boolean);
  if (words.length === 0) return catalog;
  const matches = (...parts: string[]) => {
    const haystack = foldText(parts.join(" "), locale);
    return words.every((word) => startsAWord(haystack, word));
  };
  return {
    models: catalog.models.filter((m) => matches(m.name, m.description, extraTerms(m))),
    themes: catalog.themes.filter((t) => matches(t.name, t.description)),
  };
}

/**
 * The low-credit threshold: the cheapest generation in the catalog.
 * Undefined while there are no models to compare with.
 */
export function cheapestGeneration(models: ListedModel[]): number | undefined {
  return models.length > 0 ? Math.min(...models.map((m) => m.minCredits)) : undefined;
}

/** Which credit banner Home shows: none, "low" (can't afford the cheapest video) or "empty" (0). */
export function creditBanner(credits: number, threshold: number | undefined): "empty" | "low" | null {
  if (credits <= 0) return "empty";
  if (threshold !== undefined && credits < threshold) return "low";
  return null;
}

/**
 * Where a theme preset opens: its recommended model (or the first listed one when it names none
 * or that model is not available) with `?theme=<slug>`. Undefined with no model to open.
 */
export function themeHref(theme: ListedTheme, models: ListedModel[]): string | undefined {
  const model = models.find((m) => m.id === theme.modelId) ?? models[0];
  if (!model) return undefined;
  return `/create/${encodeURIComponent(model.slug)}?theme=${encodeURIComponent(theme.slug)}`;
}

export function modelHref(model: ListedModel): string {
  return `/create/${encodeURIComponent(model.slug)}`;
}

/** What Home lists of a catalog: each model and theme without what only its form needs. */
export function catalogListing(catalog: CatalogResponse): CatalogListing {
  return {
    models: catalog.models.map((m) => ({
      id: m.id,
      slug: m.slug,
      name: m.name,
      description: m.description,
      category: m.category,
      thumbnailUrl: m.thumbnailUrl,
      isFeatured: m.isFeatured,
      typicalSeconds: m.typicalSeconds,
      minCredits: m.minCredits,
    })),
    themes: catalog.themes.map((t) => ({
      id: t.id,
      slug: t.slug,
      name: t.name,
      description: t.description,
      thumbnailUrl: t.thumbnailUrl,
      modelId: t.modelId,
    })),
  };
}
