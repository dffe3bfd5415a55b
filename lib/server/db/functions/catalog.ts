import { z } from "zod";
import {
  creditProductSchema,
  modelSchema,
  themeSchema,
  videoSettingsSchema,
} from "../../../contracts/catalog";
import type { Locale } from "../../../i18n/locale";
import type { Rpc } from "../rpc";
import { callSql } from "./call";

/** supabase/schemas/20_catalog.sql */

export const catalogResult = z.object({ models: z.array(modelSchema), themes: z.array(themeSchema) });
export const modelResult = z.object({ model: modelSchema });
export const productsResult = z.object({ products: z.array(creditProductSchema) });
export const priceResult = z.object({ credits: z.number().int().positive(), settings: videoSettingsSchema });

export function listCatalog(rpc: Rpc, args: { locale: Locale }) {
  return callSql(rpc, "list_catalog", args, catalogResult);
}

export function listCreditProducts(rpc: Rpc, args: { locale: Locale }) {
  return callSql(rpc, "list_credit_products", args, productsResult);
}
