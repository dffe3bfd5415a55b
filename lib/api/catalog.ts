"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { CatalogListing } from "../contracts/api";
import type { Locale } from "../i18n/locale";
import { api } from "./endpoints";
import type { ApiError } from "./errors";

type Read = { locale: Locale; data?: CatalogListing; error?: ApiError; isValidating: boolean };

/**
 * Home's catalog: the one the server rendered the page with, until the browser reads its own —
 * at once when the server had none, when the person asks (`mutate`: Retry, refresh), and when
 * the network comes back. Plain state rather than SWR, which Home would load for this alone.
 */
export function useCatalog(locale: Locale, fallbackData?: CatalogListing) {
  const [read, setRead] = useState<Read>({ locale, isValidating: fallbackData === undefined });
  const reads = useRef(0);

  const mutate = useCallback(async () => {
    const id = ++reads.current;
    setRead((last) => ({ ...(last.locale === locale ? last : { locale }), isValidating: true }));
    try {
      const data = await api.catalog(locale);
      if (id === reads.current) setRead({ locale, data, isValidating: false });
    } catch (error) {
      if (id !== reads.current) return;
      setRead((last) => ({ locale, data: last.data, error: error as ApiError, isValidating: false }));
    }
  }, [locale]);

  const missing = fallbackData === undefined;
  useEffect(() => {
    if (missing) void mutate();
  }, [missing, mutate]);
  useEffect(() => {
    const online = () => void mutate();
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [mutate]);

  // What this page read in another language (before a language change) no longer counts.
  const own = read.locale === locale ? read : { isValidating: false, data: undefined, error: undefined };
  return { data: own.data ?? fallbackData, error: own.error, isValidating: own.isValidating, mutate };
}
