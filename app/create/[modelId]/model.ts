import "server-only";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { cache } from "react";
import type { CatalogModel } from "@/lib/contracts/api";
import { isAppError } from "@/lib/errors";
import { getModel } from "@/lib/server/services/catalog";

/** The page's model, read once per request (layout, metadata and page share it); 404 when unknown. */
export const loadModel = cache(async (idOrSlug: string): Promise<CatalogModel> => {
  try {
    return await getModel(decodeURIComponent(idOrSlug), await getLocale());
  } catch (error) {
    if (isAppError(error, "model_not_found", "validation_failed")) notFound();
    throw error;
  }
});
