/**
 * Whether the server answered the browser's last request. `navigator.onLine` only knows whether
 * the device has a network, and a page the service worker opened offline may still read `true`
 * (as Chromium does): a request that failed to reach the server says more. Once unreachable, /api/health is asked every few seconds (and at the
 * `online` event) until the server answers again.
 */

const PROBE_EVERY_MS = 3_000;

let unreachable = false;
let probe: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

export function isServerUnreachable(): boolean {
  return unreachable;
}

export function subscribeToReachability(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** What the last request told: the server answered (true), or it could not be reached (false). */
export function reportReachable(reachable: boolean): void {
  if (unreachable === !reachable) return;
  unreachable = !reachable;
  if (unreachable) startProbing();
  else stopProbing();
  for (const listener of listeners) listener();
}

async function askServer(): Promise<void> {
  try {
    const response = await fetch("/api/health", { cache: "no-store", signal: AbortSignal.timeout(5_000) });
    if (response.status < 500) reportReachable(true);
  } catch {
    // Still unreachable.
  }
}

function startProbing(): void {
  if (probe || typeof window === "undefined") return;
  probe = setInterval(askServer, PROBE_EVERY_MS);
  window.addEventListener("online", askServer);
}

function stopProbing(): void {
  clearInterval(probe);
  probe = undefined;
  if (typeof window !== "undefined") window.removeEventListener("online", askServer);
}
