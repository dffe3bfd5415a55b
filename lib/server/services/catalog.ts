import "server-only";
import type { CatalogModel, CatalogResponse } from "../../contracts/api";
import type { Model } from "../../contracts/catalog";
import { previewRenderSeconds } from "../../contracts/preview";
import { cheapestCredits, resolveSettings } from "../../contracts/pricing";
import type { Locale } from "../../i18n/locale";
import { getConfig } from "../config";
import { getRpc } from "../db";
import { catalogResult, modelResult } from "../db/results";

/**
 * The catalog entry as served: its cheapest price (same rule as the charge) added, and its usual
 * time from the provider in use: the catalog's figure is fal's; the local preview renderer takes
 * its own time for the model's default settings.
 */
function forServing(model: Model): CatalogModel {
  const defaults = resolveSettings(model.inputs, {});
  const typicalSeconds =
    videoProviderName() === "local" && defaults ? previewRenderSeconds(defaults) : model.typicalSeconds;
  return { ...model, typicalSeconds, minCredits: cheapestCredits(model.inputs, model.pricing) ?? 1 };
}

/** Available models (featured first) with their cheapest price, and the theme presets. */
export async function getCatalog(locale: Locale): Promise<CatalogResponse> {
  const rpc = await getRpc();
  const { models, themes } = await rpc.call("list_catalog", { p_locale: locale }, catalogResult);
  return { models: models.map(forServing), themes };
}

/** One available model by id or slug; model_not_found otherwise. */
export async function getModel(idOrSlug: string, locale: Locale): Promise<CatalogModel> {
  const rpc = await getRpc();
  return forServing(
    (await rpc.call("get_model", { p_model: idOrSlug, p_locale: locale }, modelResult)).model,
  );
}

/** Who makes new videos on this server: `fal` (AI models) or `local` (the offline preview renderer). */
export function videoProviderName(): "local" | "fal" {
  return getConfig().videoProvider;
}
