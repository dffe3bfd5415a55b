"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { JobPage } from "../contracts/api";
import { isSavedCopy } from "./client";
import { api } from "./endpoints";
import type { ApiError } from "./errors";
import { onJobPagesRefresh } from "./job-pages-refresh";
import { readPages } from "./pages";

export const JOB_PAGE_SIZE = 20;
const SAVED_COPY_REFRESH_MS = 5_000;
const FOCUS_THROTTLE_MS = 5_000;
const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 60_000;

/** One search's list. */
type List = {
  data?: JobPage[];
  error?: ApiError;
  isValidating: boolean;
  /** How many pages are wanted (more than `data` holds while the next one loads). */
  size: number;
  /** Reads in a row the worker answered from its cache (the network failed or was slow). */
  saved: number;
  /** Failed reads in a row. */
  failures: number;
};

/** A local change to the loaded pages (a job deleted, shared or no longer shared). */
export type JobPagesEdit = (pages: JobPage[]) => JobPage[];

const unread: List = { isValidating: true, size: 1, saved: 0, failures: 0 };

/**
 * History pages: 20 a page, newest first, filtered by `q` on the server; each search keeps its
 * loaded pages, so clearing a search shows the list as it was while it is read again. `firstPage`,
 * the unfiltered first page the server rendered, is the list's start: it is not read again on
 * arrival (that would sign its thumbnails anew and load them twice), only when asked (refresh,
 * live progress, focus, the network back, another tab's news) or when the unfiltered list comes
 * back after a search. A failed read is tried again with backoff, except when signed out.
 * Plain state, in the shape SWR's `useSWRInfinite` gave it: History would load SWR for this alone.
 */
export function useJobPages(q: string, firstPage?: JobPage) {
  const [lists, setLists] = useState(
    (): Record<string, List> =>
      firstPage ? { "": { ...unread, data: [firstPage], isValidating: false } } : {},
  );
  const current = useRef({ q, lists });
  current.current = { q, lists };
  const reads = useRef(new Map<string, number>());
  const edits = useRef<JobPagesEdit[]>([]);

  const patch = useCallback((query: string, change: (list: List) => Partial<List>) => {
    setLists((all) => {
      const list = all[query] ?? unread;
      return { ...all, [query]: { ...list, ...change(list) } };
    });
  }, []);

  /** Reads `count` pages of `query` from the top or, with `more`, those after the loaded ones. */
  const read = useCallback(
    async (query: string, count: number, more = false) => {
      const loaded = more ? (current.current.lists[query]?.data ?? []) : [];
      // The list has ended: a read after its last page would start again from the top.
      if (loaded.length > 0 && !loaded.at(-1)?.nextCursor) return;
      const read = (reads.current.get(query) ?? 0) + 1;
      reads.current.set(query, read);
      const editsBefore = edits.current.length;
      patch(query, () => ({ isValidating: true }));
      const readPage = (cursor: string | null) =>
        api.jobs({ q: query || undefined, cursor, limit: JOB_PAGE_SIZE });
      try {
        const pages = await readPages(count - loaded.length, readPage, loaded.at(-1)?.nextCursor ?? null);
        if (reads.current.get(query) !== read) return;
        // What changed here while the read was on its way applies to what it brought.
        const data = edits.current.slice(editsBefore).reduce((all, edit) => edit(all), [...loaded, ...pages]);
        const saved = pages.some(isSavedCopy);
        patch(query, (list) => ({
          data,
          error: undefined,
          isValidating: false,
          saved: saved ? list.saved + 1 : 0,
          failures: 0,
        }));
      } catch (error) {
        if (reads.current.get(query) !== read) return;
        patch(query, (list) => ({
          error: error as ApiError,
          isValidating: false,
          failures: list.failures + 1,
        }));
      }
    },
    [patch],
  );

  /** Reads the loaded pages of the current search again. */
  const mutate = useCallback(() => {
    const { q: query, lists: all } = current.current;
    return read(query, all[query]?.size ?? 1);
  }, [read]);

  /** Wants `size` pages: reads those not loaded yet. */
  const setSize = useCallback(
    (size: number) => {
      const query = current.current.q;
      patch(query, () => ({ size }));
      return read(query, size, true);
    },
    [patch, read],
  );

  /** Changes the loaded pages of every search at once, without asking the server. */
  const update = useCallback((edit: JobPagesEdit) => {
    edits.current.push(edit);
    setLists((all) =>
      Object.fromEntries(
        Object.entries(all).map(([query, list]) => [
          query,
          list.data ? { ...list, data: edit(list.data) } : list,
        ]),
      ),
    );
  }, []);

  const served = useRef(firstPage !== undefined);
  useEffect(() => {
    if (served.current && q === "") {
      served.current = false;
      return;
    }
    served.current = false;
    void read(q, current.current.lists[q]?.size ?? 1);
  }, [q, read]);

  useEffect(() => {
    let nextFocusRead = 0;
    const focused = () => {
      if (document.visibilityState === "hidden" || !navigator.onLine || Date.now() < nextFocusRead) return;
      nextFocusRead = Date.now() + FOCUS_THROTTLE_MS;
      void mutate();
    };
    const again = () => void mutate();
    document.addEventListener("visibilitychange", focused);
    window.addEventListener("focus", focused);
    window.addEventListener("online", again);
    const stopListening = onJobPagesRefresh(again);
    return () => {
      document.removeEventListener("visibilitychange", focused);
      window.removeEventListener("focus", focused);
      window.removeEventListener("online", again);
      stopListening();
    };
  }, [mutate]);

  const list = lists[q] ?? unread;
  const retry = list.error !== undefined && list.error.code !== "unauthorized";
  useEffect(() => {
    if (!retry && list.saved === 0) return;
    const delay = retry
      ? Math.min(RETRY_FIRST_MS * 2 ** (list.failures - 1), RETRY_MAX_MS)
      : SAVED_COPY_REFRESH_MS;
    const timer = setTimeout(() => {
      if (document.visibilityState !== "hidden" && navigator.onLine) void mutate();
    }, delay);
    return () => clearTimeout(timer);
  }, [retry, list.saved, list.failures, mutate]);

  return {
    data: list.data,
    error: list.error,
    isValidating: list.isValidating,
    size: list.size,
    setSize,
    mutate,
    update,
  };
}
