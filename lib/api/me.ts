"use client";

import { createContext, useContext, useEffect, useSyncExternalStore } from "react";
import type { Me } from "../contracts/user";
import { meAnswer } from "./answers";
import { apiRequest } from "./client";
import { createMeStore, initialMeState, type Watch } from "./me-store";

const watchBrowser: Watch = ({ focused, reconnected }) => {
  const onFocus = () => {
    if (document.visibilityState !== "hidden" && navigator.onLine) focused();
  };
  document.addEventListener("visibilitychange", onFocus);
  window.addEventListener("focus", onFocus);
  window.addEventListener("online", reconnected);
  return () => {
    document.removeEventListener("visibilitychange", onFocus);
    window.removeEventListener("focus", onFocus);
    window.removeEventListener("online", reconnected);
  };
};

const store = createMeStore(() => apiRequest("/api/me", meAnswer), watchBrowser);

/** The user the server already read for this page, until the browser has read its own. */
export const MeSeed = createContext<Me | null>(null);

/**
 * The person's account, read once per page and again when the tab comes back (me-store.ts):
 * `data` (the server's seed until then), `error` of the last read, `isLoading` (no account yet
 * and a read under way) and `mutate`, as SWR's `useSWR` gave them.
 */
export function useMe() {
  const seed = useContext(MeSeed);
  const state = useSyncExternalStore(store.subscribe, store.get, () => initialMeState);
  useEffect(() => {
    void store.revalidate({ dedupe: true });
  }, []);
  return {
    data: state.data ?? seed ?? undefined,
    error: state.error,
    isLoading: state.data === undefined && state.validating,
    mutate: mutateMe,
  };
}

/** Shows a new account at once (then asks the server, unless `revalidate: false`); no argument: asks again. */
export const mutateMe = store.mutate;
