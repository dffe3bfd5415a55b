"use client";

import type { CheckoutResponse, UpdateSettingsRequest } from "../contracts/account";
import { checkoutAnswer, creditProductsAnswer, ledgerPageAnswer, meAnswer, noContent } from "./answers";
import { apiRequest } from "./client";

/** Profile, settings and credits routes (docs/api.md "Session and account", "Credits"); the credit packs hook is in account-hooks.ts, the ledger in ledger.ts. */
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
