/**
 * How the app-wide listeners (another tab's news, the service worker's, back online) tell an
 * open History to read its pages again: History keeps them outside SWR (job-pages.ts).
 */
const listeners = new Set<() => void>();

/** Calls `listener` on every refreshJobPages(); returns what stops it. */
export function onJobPagesRefresh(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function refreshJobPages(): void {
  for (const listener of listeners) listener();
}
