/**
 * What the service worker caches, as pure functions of a request's method, mode and URL, so they
 * are unit-tested without a worker. Only GETs are ever matched, and only same-origin ones but for
 * job thumbnails on Supabase Storage: mutations, auth, uploads, webhooks, cron, /api/me and single
 * jobs always go to the network untouched.
 */

import { JOB_CACHES, SAVED_COPY_HEADER } from "../contracts/worker-messages";
import { mediaFileOf } from "../media-link";

/** Runtime caches. Every one of them may hold the signed-in person's data (see USER_CACHES). */
export const CACHE = {
  pages: "rendio-pages",
  catalog: "rendio-catalog",
  history: "rendio-history",
  thumbnails: "rendio-thumbnails",
} as const;

/** Cleared on sign-out and account deletion (lib/pwa/caches.ts), with the watched jobs' caches. */
export const USER_CACHES: readonly string[] = [...Object.values(CACHE), ...Object.values(JOB_CACHES)];

/** The offline page, precached with the build id as its revision. */
export const OFFLINE_URL = "/offline";

export type RequestInfo = { method: string; mode: string; url: URL };

export type RouteKind = "page" | "catalog" | "history" | "thumbnail" | "media-thumbnail";

/** The cache route for a request, or null when the worker leaves it to the network. */
export function routeFor(request: RequestInfo, origin: string): RouteKind | null {
  const { method, mode, url } = request;
  if (method !== "GET") return null;
  if (url.origin !== origin) return isStorageThumbnail(url) ? "media-thumbnail" : null;
  const path = url.pathname;
  if (mode === "navigate") return isPagePath(path) ? "page" : null;
  if (isCatalogPath(path)) return "catalog";
  if (path === "/api/jobs" && isFirstHistoryPage(url.searchParams)) return "history";
  if (path.startsWith("/thumbnails/")) return "thumbnail";
  if (path.startsWith("/api/media/thumbnails/")) return "media-thumbnail";
  return null;
}

/**
 * A job thumbnail's signed link on Supabase Storage (supabase mode), whatever the project's host.
 * The pages' Content-Security-Policy lets them load images from that project only.
 */
function isStorageThumbnail(url: URL): boolean {
  return /^https?:$/.test(url.protocol) && url.pathname.startsWith(STORAGE_THUMBNAILS);
}

const STORAGE_THUMBNAILS = "/storage/v1/object/sign/thumbnails/";

/** App pages; API routes opened in a tab (media, auth callbacks) and the dev outbox are not. */
function isPagePath(path: string): boolean {
  return !path.startsWith("/api/") && !path.startsWith("/dev/") && path !== OFFLINE_URL;
}

/** GET /api/models and GET /api/models/:id — the catalog the screens read. */
function isCatalogPath(path: string): boolean {
  return path === "/api/models" || /^\/api\/models\/[^/]+$/.test(path);
}

/** The newest history page: no cursor, no search; only `limit` may be given. */
function isFirstHistoryPage(params: URLSearchParams): boolean {
  for (const key of params.keys()) if (key !== "limit") return false;
  return true;
}

/** A stored thumbnail's key is its file, so a re-signed link still finds it. */
export const mediaCacheKey = mediaFileOf;

/** Only complete 200 answers are stored: no errors, redirects, partial or opaque responses. */
export function isCacheable(response: { status: number; type: string }): boolean {
  return response.status === 200 && response.type !== "opaqueredirect";
}

/** A stored answer as the worker hands it back: the same, marked as a saved copy. */
export function markSavedCopy(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set(SAVED_COPY_HEADER, "1");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
