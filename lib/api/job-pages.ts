"use client";

import { useRef } from "react";
import useSWRInfinite from "swr/infinite";
import type { JobPage } from "../contracts/api";
import { isSavedCopy } from "./client";
import { api } from "./endpoints";
import type { ApiError } from "./errors";
import type { JobsPageKey } from "./hooks";

const SAVED_COPY_REFRESH_MS = 5_000;

/**
 * History pages (`jobs:{cursor}`): 20 a page, newest first, filtered by `q`
 * on the server. Each page's key carries the cursor the previous page handed out. `firstPage`, the
 * unfiltered first page the server rendered, is the list's start: it is not read again on arrival
 * (that would sign its thumbnails anew and load them twice), only when asked (refresh, live
 * progress, focus, more pages) or when the unfiltered list comes back after a search.
 */
export function useJobPages(q: string, firstPage?: JobPage) {
  const searched = useRef(false);
  if (q !== "") searched.current = true;
  const served = q === "" && firstPage !== undefined && !searched.current;
  const getKey = (index: number, previous: JobPage | null): JobsPageKey | null => {
    if (index > 0 && !previous?.nextCursor) return null;
    return ["jobs", q, index === 0 ? null : (previous?.nextCursor ?? null)];
  };
  return useSWRInfinite<JobPage, ApiError>(
    getKey,
    ([, query, cursor]: JobsPageKey) => api.jobs({ q: query || undefined, cursor, limit: 20 }),
    {
      fallbackData: q === "" && firstPage ? [firstPage] : undefined,
      revalidateOnMount: !served,
      shouldRetryOnError: (error) => error.code !== "unauthorized",
      // A page the worker answered from its cache (the network failed or was slow) is asked for
      // again every few seconds while online, until the network answers.
      refreshInterval: (pages) => (pages?.some(isSavedCopy) ? SAVED_COPY_REFRESH_MS : 0),
    },
  );
}
