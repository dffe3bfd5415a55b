"use client";

import useSWR from "swr";
import useSWRInfinite from "swr/infinite";
import type { LedgerPage } from "../contracts/account";
import type { CreditProduct } from "../contracts/catalog";
import type { Locale } from "../i18n/locale";
import { accountApi } from "./account";
import type { ApiError } from "./errors";

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
