/**
 * One balance and one History in every open tab: a tab that learns of a change (it made a job,
 * bought credits, saw a job end, deleted a video, signed in or out) tells the others, which then
 * ask the server again. BroadcastChannel where the browser has it; otherwise a `storage` event,
 * which other tabs of the same origin receive when this one writes to localStorage.
 */

/** What changed: the person's balance and account ("me"), their jobs, or who is signed in. */
export type Topic = "me" | "jobs" | "session";

export type TabMessage = { topics: Topic[] };

const CHANNEL = "rendio.tab-sync";
const STORAGE_KEY = "rendio.tab-sync";
const TOPICS: readonly Topic[] = ["me", "jobs", "session"];

/** What a successful request that is not a read changed, from its method and path. */
export function topicsFor(method: string, path: string): Topic[] {
  if (method === "GET") return [];
  const { pathname } = new URL(path, "http://localhost");
  if (pathname.startsWith("/api/auth/") || pathname.startsWith("/api/session/")) return ["session"];
  if (pathname === "/api/me") return method === "DELETE" ? ["session"] : ["me"];
  // A new job spends credits; a deleted (or shared, or stopped) one changes History only.
  if (pathname === "/api/jobs") return ["me", "jobs"];
  if (pathname.startsWith("/api/jobs/")) return ["jobs"];
  if (pathname.startsWith("/api/credits/")) return ["me"];
  return [];
}

/** A message from another tab, or null for anything else that arrives on the channel or key. */
export function parseTabMessage(data: unknown): TabMessage | null {
  if (typeof data !== "object" || data === null) return null;
  const topics = (data as { topics?: unknown }).topics;
  if (!Array.isArray(topics)) return null;
  const known = topics.filter((topic): topic is Topic => TOPICS.includes(topic));
  return known.length > 0 ? { topics: known } : null;
}

/** How messages travel between tabs; the browser's by default, replaceable in tests. */
export type Transport = {
  post(message: TabMessage): void;
  subscribe(receive: (data: unknown) => void): () => void;
};

/** Messages over a BroadcastChannel, which does not hear what it posts itself. */
export function channelTransport(broadcast: BroadcastChannel): Transport {
  return {
    post: (message) => broadcast.postMessage(message),
    subscribe(receive) {
      const onMessage = (event: MessageEvent) => receive(event.data);
      broadcast.addEventListener("message", onMessage);
      return () => broadcast.removeEventListener("message", onMessage);
    },
  };
}

/** localStorage's `storage` event fires in every other tab of the origin, never in the writer. */
const storageTransport: Transport = {
  post(message) {
    try {
      // A fresh value each time, or a repeated message would not count as a change.
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...message, at: `${Date.now()}-${Math.random()}` }));
    } catch {
      // Storage full or blocked: the other tabs still catch up when they are focused.
    }
  },
  subscribe(receive) {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== STORAGE_KEY || !event.newValue) return;
      try {
        receive(JSON.parse(event.newValue));
      } catch {
        // Not ours.
      }
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  },
};

let tabTransport: Transport | null | undefined;

/** This tab's one transport (one channel, so the tab never hears itself); none on the server. */
function browserTransport(): Transport | null {
  if (tabTransport === undefined) {
    if (typeof window === "undefined") return null;
    tabTransport =
      typeof BroadcastChannel === "function"
        ? channelTransport(new BroadcastChannel(CHANNEL))
        : storageTransport;
  }
  return tabTransport;
}

/** Tells the other tabs what changed (nothing happens on the server or with no topics). */
export function announce(topics: Topic[], transport = browserTransport()): void {
  if (topics.length === 0 || !transport) return;
  transport.post({ topics });
}

/** Calls `receive` for each message from another tab; returns the function that stops listening. */
export function listen(receive: (message: TabMessage) => void, transport = browserTransport()): () => void {
  if (!transport) return () => {};
  return transport.subscribe((data) => {
    const message = parseTabMessage(data);
    if (message) receive(message);
  });
}
