"use client";

import useSWR from "swr";
import useSWRInfinite from "swr/infinite";
import type { CheckoutResponse, LedgerPage, UpdateSettingsRequest } from "../contracts/account";
import type { CreditProduct } from "../contracts/catalog";
import type { Locale } from "../i18n/locale";
import { checkoutAnswer, creditProductsAnswer, ledgerPageAnswer, meAnswer, noContent } from "./answers";
import { apiRequest } from "./client";
import type { ApiError } from "./errors";

/** Profile, settings and credits routes (api.md "Session and account", "Credits"). */
export const accountApi = {
  updateSettings: (body: UpdateSettingsRequest) => apiRequest("/api/me", meAnswer, { method: "PATCH", body }),
  deleteAccount: () => apiRequest("/api/me", noContent, { method: "DELETE" }),
  signOut: () => apiRequest("/api/auth/sign-out", noContent, { method: "POST", body: {} }),
  /** Ends every session of the person, this device's included. */
  signOutEverywhere: () =>
    apiRequest("/api/auth/sign-out", noContent, { method: "POST", body: { scope: "everywhere" } }),
  products: () => apiRequest("/api/credits/products", creditProductsAnswer),
  ledger: (params: { cursor?: string | null; limit?: number } = {}) => {
    const search = new URLSearchParams();
    if (params.cursor) search.set("cursor", params.cursor);
    if (params.limit) search.set("limit", String(params.limit));
    return apiRequest(`/api/credits/ledger?${search}`, ledgerPageAnswer);
  },
  checkout: (productId: string, idempotencyKey: string): Promise<CheckoutResponse> =>
    apiRequest("/api/credits/checkout", checkoutAnswer, {
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

/**
 * The credit history, page by page (`ledger` key; revalidate it with the balance). `firstPage`,
 * the one the server rendered, is shown until the browser's own read replaces it.
 */
export function useLedger(enabled = true, firstPage?: LedgerPage) {
  return useSWRInfinite<LedgerPage, ApiError>(
    (index, previous: LedgerPage | null) => {
      if (!enabled || (previous && !previous.nextCursor)) return null;
      return ["ledger", index === 0 ? null : (previous?.nextCursor ?? null)] as const;
    },
    ([, cursor]: readonly [string, string | null]) => accountApi.ledger({ cursor, limit: LEDGER_PAGE_SIZE }),
    {
      fallbackData: firstPage ? [firstPage] : undefined,
      revalidateFirstPage: true,
      shouldRetryOnError: (error) => error.code !== "unauthorized",
    },
  );
}
