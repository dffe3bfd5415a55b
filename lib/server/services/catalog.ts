import "server-only";
import type { CatalogModel, CatalogResponse } from "../../contracts/api";
import type { Model } from "../../contracts/catalog";
import { previewRenderSeconds } from "../../contracts/preview";
import { cheapestCredits, resolveSettings } from "../../contracts/pricing";
import { AppError } from "../../errors";
import type { Locale } from "../../i18n/locale";
import { getConfig } from "../config";
import { getRpc, type Rpc } from "../db";
import * as sql from "../db/functions";
import { type JsonDocument, jsonDocument } from "../http-cache";
import { reportError } from "../log/report";

/**
 * The catalog changes rarely (a migration, an operator's edit), so it is served from memory: a
 * copy is fresh for CATALOG_FRESH_MS, then served while a new one loads in the background, so
 * every server instance catches up within about a minute; past CATALOG_MAX_STALE_MS a read waits
 * for the database. refreshCatalog() makes this instance read the database again at once. Nothing
 * in it depends on who asks: prices are the same for everyone, typical times the provider's.
 */
export const CATALOG_FRESH_MS = 60_000;
export const CATALOG_MAX_STALE_MS = 3_600_000;

/** A catalog as served in one language, ready to send, with each model's own document on demand. */
type Snapshot = {
  catalog: CatalogResponse;
  document: JsonDocument;
  models: Map<string, JsonDocument>;
  loadedAt: number;
};
type Entry = { current?: Snapshot; loading?: Promise<Snapshot> };

/**
 * Per database (route tests open one per file) and per language and provider. Kept on globalThis:
 * Next bundles this module once per server layer (route handlers, pages, and start-up, which hands
 * scripts/serve.mjs its way in: lib/server/catalog-http.ts), and all of them must read, and
 * refreshCatalog() clear, the same copies.
 */
const SNAPSHOTS = Symbol.for("rendio.catalogSnapshots");
const holder = globalThis as typeof globalThis & { [SNAPSHOTS]?: WeakMap<Rpc, Map<string, Entry>> };
holder[SNAPSHOTS] ??= new WeakMap();
const snapshots = holder[SNAPSHOTS];

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

async function load(rpc: Rpc, locale: Locale): Promise<Snapshot> {
  const { models, themes } = await sql.listCatalog(rpc, { locale });
  const catalog = { models: models.map(forServing), themes };
  return { catalog, document: jsonDocument(catalog), models: new Map(), loadedAt: Date.now() };
}

/** Loads the catalog into `entry`; readers served the copy in hand do not wait, so failure is said here. */
function reload(entry: Entry, rpc: Rpc, locale: Locale): Promise<Snapshot> {
  const loading = load(rpc, locale)
    .then((loaded) => {
      entry.current = loaded;
      return loaded;
    })
    .finally(() => {
      entry.loading = undefined;
    });
  loading.catch((error: unknown) => reportError(error, "catalog refresh failed"));
  return loading;
}

async function snapshot(locale: Locale): Promise<Snapshot> {
  const rpc = await getRpc();
  const entries = snapshots.get(rpc) ?? new Map<string, Entry>();
  snapshots.set(rpc, entries);
  const key = `${locale} ${videoProviderName()}`;
  const entry = entries.get(key) ?? {};
  entries.set(key, entry);
  const { current } = entry;
  const age = current ? Date.now() - current.loadedAt : Number.POSITIVE_INFINITY;
  if (current && age < CATALOG_FRESH_MS) return current;
  entry.loading ??= reload(entry, rpc, locale);
  if (current && age < CATALOG_MAX_STALE_MS) return current;
  return entry.loading;
}

/** Makes this instance read the catalog from the database again on its next use. */
export async function refreshCatalog(): Promise<void> {
  snapshots.delete(await getRpc());
}

/** Available models (featured first) with their cheapest price, and the theme presets. */
export async function getCatalog(locale: Locale): Promise<CatalogResponse> {
  return (await snapshot(locale)).catalog;
}

/** getCatalog's answer as the bytes GET /api/models sends, with their ETag. */
export async function getCatalogDocument(locale: Locale): Promise<JsonDocument> {
  return (await snapshot(locale)).document;
}

// As public.get_model: an available model by slug, or by id in any case.
function findModel(catalog: CatalogResponse, idOrSlug: string): CatalogModel {
  const id = idOrSlug.toLowerCase();
  const model =
    idOrSlug.length <= 100 ? catalog.models.find((m) => m.slug === idOrSlug || m.id === id) : undefined;
  if (!model) throw new AppError("model_not_found");
  return model;
}

/** One available model by id or slug; model_not_found otherwise. */
export async function getModel(idOrSlug: string, locale: Locale): Promise<CatalogModel> {
  return findModel((await snapshot(locale)).catalog, idOrSlug);
}

/** getModel's answer as the bytes GET /api/models/:id sends (`{ model }`), with their ETag. */
export async function getModelDocument(idOrSlug: string, locale: Locale): Promise<JsonDocument> {
  const { catalog, models } = await snapshot(locale);
  const model = findModel(catalog, idOrSlug);
  const document = models.get(model.id) ?? jsonDocument({ model });
  models.set(model.id, document);
  return document;
}

/** Who makes new videos on this server: `fal` (AI models) or `local` (the offline preview renderer). */
export function videoProviderName(): "local" | "fal" {
  return getConfig().videoProvider;
}
