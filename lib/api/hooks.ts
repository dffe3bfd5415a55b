"use client";

import { useRef } from "react";
import useSWR, { type SWRConfiguration } from "swr";
import type { CatalogResponse } from "../contracts/api";
import type { Job } from "../contracts/job";
import type { Me } from "../contracts/user";
import type { Locale } from "../i18n/locale";
import { api } from "./endpoints";
import type { ApiError } from "./errors";

/** SWR keys (reference-spec §1.7): invalidate "me" after anything that changes credits. */
export const swrKeys = {
  me: "me",
  catalog: (locale: Locale) => ["catalog", locale] as const,
  job: (id: string) => ["job", id] as const,
};

export function useMe(config?: SWRConfiguration<Me, ApiError>) {
  return useSWR<Me, ApiError>(swrKeys.me, api.me, {
    shouldRetryOnError: false,
    ...config,
  });
}

export function useCatalog(locale: Locale, fallbackData?: CatalogResponse) {
  return useSWR<CatalogResponse, ApiError>(swrKeys.catalog(locale), () => api.catalog(locale), {
    fallbackData,
    // The server already rendered this catalog: no second fetch on mount.
    revalidateOnMount: fallbackData === undefined,
    revalidateOnFocus: false,
  });
}

/** Polling delays for a job in flight: 1, 2, 4, 8 s, then every 8 s. */
export function pollDelayMs(pollsSoFar: number): number {
  return Math.min(8, 2 ** pollsSoFar) * 1000;
}

/**
 * Watches a job: polls with backoff while it is in flight, stops on a final state, and (SWR's
 * default) while the page is hidden — the service worker takes over then.
 */
export function useJob(id: string, fallbackData?: Job) {
  const polls = useRef(0);
  return useSWR<Job, ApiError>(swrKeys.job(id), async () => (await api.job(id)).job, {
    fallbackData,
    refreshInterval: (job) => {
      if (!job || job.status === "completed" || job.status === "failed") return 0;
      return pollDelayMs(polls.current++);
    },
    shouldRetryOnError: (error) => error.code !== "job_not_found" && error.code !== "unauthorized",
  });
}
