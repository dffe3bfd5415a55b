"use client";

import useSWR from "swr";
import type { CreditProduct } from "../contracts/catalog";
import type { Locale } from "../i18n/locale";
import { accountApi } from "./account";
import type { ApiError } from "./errors";

/** The packs on sale; the labels follow the language, so the key does too. */
export function useCreditProducts(locale: Locale, enabled = true) {
  return useSWR<CreditProduct[], ApiError>(
    enabled ? ["credit-products", locale] : null,
    async () => (await accountApi.products()).products,
    { revalidateOnFocus: false },
  );
}
