"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { LedgerPage } from "../contracts/account";
import { accountApi } from "./account";
import type { ApiError } from "./errors";
import { readPages } from "./pages";

export const LEDGER_PAGE_SIZE = 20;

const readLedgerPage = (cursor: string | null) => accountApi.ledger({ cursor, limit: LEDGER_PAGE_SIZE });

type State = { data?: LedgerPage[]; error?: ApiError; isValidating: boolean };

/**
 * The credit history, page by page, in the shape SWR's `useSWRInfinite` gave it (`data` pages,
 * `size`/`setSize` for "more", `mutate` to read the loaded pages again with the balance), read
 * again when the tab comes back or the network does. `firstPage`, the one the server rendered, is
 * the start: read again only then or when asked. Plain state: Profile would load SWR for this
 * alone.
 */
export function useLedger(enabled = true, firstPage?: LedgerPage) {
  const [state, setState] = useState<State>({
    data: firstPage ? [firstPage] : undefined,
    isValidating: enabled && !firstPage,
  });
  // The server's page is the start: no second read of it on arrival.
  const served = useRef(firstPage !== undefined);
  const [size, setSizeState] = useState(1);
  const sizeRef = useRef(1);
  const reads = useRef(0);

  const load = useCallback(
    async (count: number) => {
      if (!enabled) return;
      const read = ++reads.current;
      setState((last) => ({ ...last, isValidating: true }));
      try {
        const data = await readPages(count, readLedgerPage);
        if (read === reads.current) setState({ data, isValidating: false });
      } catch (error) {
        if (read === reads.current)
          setState((last) => ({ ...last, error: error as ApiError, isValidating: false }));
      }
    },
    [enabled],
  );

  const mutate = useCallback(() => load(sizeRef.current), [load]);
  const setSize = useCallback(
    (next: number) => {
      sizeRef.current = next;
      setSizeState(next);
      return load(next);
    },
    [load],
  );

  useEffect(() => {
    if (served.current) served.current = false;
    else void mutate();
    const again = () => {
      if (document.visibilityState !== "hidden") void mutate();
    };
    document.addEventListener("visibilitychange", again);
    window.addEventListener("online", again);
    return () => {
      document.removeEventListener("visibilitychange", again);
      window.removeEventListener("online", again);
    };
  }, [mutate]);

  return { ...state, size, setSize, mutate };
}
