"use client";

import useSWR from "swr";
import useSWRInfinite from "swr/infinite";
import { z } from "zod";
import {
  type CheckoutResponse,
  checkoutResponseSchema,
  creditProductsResponseSchema,
  type LedgerPage,
  ledgerPageResponseSchema,
  type UpdateSettingsRequest,
} from "../contracts/account";
import type { CreditProduct } from "../contracts/catalog";
import { meSchema } from "../contracts/user";
import type { Locale } from "../i18n/locale";
import { apiRequest } from "./client";
import type { ApiError } from "./errors";

/** Profile, settings and credits routes (api.md "Session and account", "Credits"). */
export const accountApi = {
  updateSettings: (body: UpdateSettingsRequest) => apiRequest("/api/me", meSchema, { method: "PATCH", body }),
  deleteAccount: () => apiRequest("/api/me", z.null(), { method: "DELETE" }),
  signOut: () => apiRequest("/api/auth/sign-out", z.null(), { method: "POST", body: {} }),
  /** Ends every session of the person, this device's included. */
  signOutEverywhere: () =>
    apiRequest("/api/auth/sign-out", z.null(), { method: "POST", body: { scope: "everywhere" } }),
  products: () => apiRequest("/api/credits/products", creditProductsResponseSchema),
  ledger: (params: { cursor?: string | null; limit?: number } = {}) => {
    const search = new URLSearchParams();
    if (params.cursor) search.set("cursor", params.cursor);
    if (params.limit) search.set("limit", String(params.limit));
    return apiRequest(`/api/credits/ledger?${search}`, ledgerPageResponseSchema);
  },
  checkout: (productId: string, idempotencyKey: string): Promise<CheckoutResponse> =>
    apiRequest("/api/credits/checkout", checkoutResponseSchema, {
      method: "POST",
      body: { productId },
      idempotencyKey,
    }),
};

export const LEDGER_PAGE_SIZE = 20;

/** The packs on sale; the labels follow the language, so the key does too. */
export function useCreditProducts(locale: Locale, enabled = true) {
  return useSWR<CreditProduct[], ApiError>(
    enabled ? ["credit-products", locale] : null,
    async () => (await accountApi.products()).products,
    { revalidateOnFocus: false },
  );
}

/** The credit history, page by page (`ledger` key; revalidate it with the balance). */
export function useLedger(enabled = true) {
  return useSWRInfinite<LedgerPage, ApiError>(
    (index, previous: LedgerPage | null) => {
      if (!enabled || (previous && !previous.nextCursor)) return null;
      return ["ledger", index === 0 ? null : (previous?.nextCursor ?? null)] as const;
    },
    ([, cursor]: readonly [string, string | null]) => accountApi.ledger({ cursor, limit: LEDGER_PAGE_SIZE }),
    { revalidateFirstPage: true, shouldRetryOnError: (error) => error.code !== "unauthorized" },
  );
}
