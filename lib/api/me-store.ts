import type { Me } from "../contracts/user";
import type { ApiError } from "./errors";

/**
 * The person's account ("me": balance, theme) as every tab shows it, without SWR: the shell
 * reads it on every page, and SWR is not worth its weight in every page's first load. It keeps
 * what the shell relied on SWR for: one read at a time, a new read when the tab comes back
 * (focus, at most every 5 s) or the network does, and a local change wins over a read that
 * started before it.
 */

export type MeState = {
  data?: Me;
  error?: ApiError;
  /** A read is on its way (or, before the first, about to be: every page starts one). */
  validating: boolean;
};

export type MeUpdate = Me | ((current: Me | undefined) => Me | undefined);

export type MeStore = {
  get(): MeState;
  subscribe(listener: () => void): () => void;
  /** Asks the server; with `dedupe`, not when a read started less than 2 s ago. */
  revalidate(options?: { dedupe?: boolean }): Promise<void>;
  /** SWR's `mutate`: no argument asks again; a value (or updater) is shown at once, then asked again unless `revalidate: false`. */
  mutate(update?: MeUpdate, options?: { revalidate?: boolean }): Promise<void>;
  focused(): void;
  reconnected(): void;
};

/** Calls `focused` and `reconnected` from the environment's events; returns what stops them. */
export type Watch = (events: { focused(): void; reconnected(): void }) => () => void;

export const DEDUPE_MS = 2000;
export const FOCUS_THROTTLE_MS = 5000;

export const initialMeState: MeState = { validating: true };

export function createMeStore(fetchMe: () => Promise<Me>, watch?: Watch, now = Date.now): MeStore {
  let state = initialMeState;
  const listeners = new Set<() => void>();
  // Bumped by every local change: a read that started before one is out of date.
  let version = 0;
  let reads = 0;
  let lastRead: { at: number; done: Promise<void> } | null = null;
  let nextFocusRead = 0;
  let stopWatching: (() => void) | null = null;

  const set = (next: MeState) => {
    state = next;
    for (const listener of listeners) listener();
  };

  const revalidate: MeStore["revalidate"] = ({ dedupe = false } = {}) => {
    if (dedupe && lastRead && now() - lastRead.at < DEDUPE_MS) return lastRead.done;
    const read = ++reads;
    const startedAt = version;
    // Only the latest read settles the state; its answer counts unless a local change came since.
    const settle = (next: MeState) => {
      if (read !== reads) return;
      set(startedAt === version ? next : { ...state, validating: false });
    };
    if (!state.validating) set({ ...state, validating: true });
    const done = fetchMe().then(
      (data) => settle({ data, validating: false }),
      (error: ApiError) => settle({ data: state.data, error, validating: false }),
    );
    lastRead = { at: now(), done };
    return done;
  };

  const store: MeStore = {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1 && watch) stopWatching = watch(store);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stopWatching?.();
          stopWatching = null;
        }
      };
    },
    revalidate,
    mutate(update, { revalidate: again = true } = {}) {
      if (update !== undefined) {
        version++;
        const data = typeof update === "function" ? update(state.data) : update;
        set({ data, validating: state.validating });
      }
      return again ? revalidate() : Promise.resolve();
    },
    focused() {
      if (now() < nextFocusRead) return;
      nextFocusRead = now() + FOCUS_THROTTLE_MS;
      void revalidate({ dedupe: true });
    },
    reconnected() {
      void revalidate({ dedupe: true });
    },
  };
  return store;
}
