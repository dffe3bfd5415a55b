/// <reference lib="webworker" />
import { clientsClaim, type WorkboxPlugin } from "workbox-core";
import { ExpirationPlugin } from "workbox-expiration";
import {
  cleanupOutdatedCaches,
  matchPrecache,
  type PrecacheEntry,
  precacheAndRoute,
} from "workbox-precaching";
import { registerRoute, setCatchHandler } from "workbox-routing";
import { CacheFirst, NetworkFirst, StaleWhileRevalidate } from "workbox-strategies";
import { installErrorForwarding } from "./error-forwarding";
import { installJobWatching } from "./job-watch";
import { installPushHandlers } from "./push";
import {
  CACHE,
  isCacheable,
  markSavedCopy,
  mediaCacheKey,
  OFFLINE_URL,
  type RouteKind,
  routeFor,
} from "./routes";

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

const DAY = 24 * 60 * 60;

/** Stores only complete 200 answers (Workbox's default would also keep opaque ones). */
const onlyOk: WorkboxPlugin = {
  cacheWillUpdate: async ({ response }) => (isCacheable(response) ? response : null),
};

/** Marks what comes from the cache, so the page knows to ask again once the network answers. */
const markCached: WorkboxPlugin = {
  cachedResponseWillBeUsed: async ({ cachedResponse }) => cachedResponse && markSavedCopy(cachedResponse),
};

const expire = (maxEntries: number, maxAgeSeconds: number) =>
  new ExpirationPlugin({ maxEntries, maxAgeSeconds, purgeOnQuotaError: true });

installErrorForwarding(self);

// No skipWaiting here: a new version waits until the page's "Reload" button sends SKIP_WAITING.
self.addEventListener("message", (event) => {
  if (event.data?.type === "SKIP_WAITING") void self.skipWaiting();
});
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

const strategies: Record<RouteKind, StaleWhileRevalidate | NetworkFirst | CacheFirst> = {
  // Short timeout: on a bad connection the last copy beats a spinner; then the offline page.
  page: new NetworkFirst({
    cacheName: CACHE.pages,
    networkTimeoutSeconds: 3,
    plugins: [onlyOk, expire(30, 7 * DAY)],
  }),
  catalog: new StaleWhileRevalidate({
    cacheName: CACHE.catalog,
    plugins: [onlyOk, expire(40, 7 * DAY)],
    // The catalog's Vary (Accept-Language, Cookie) is covered by ?locale= in the URL.
    matchOptions: { ignoreVary: true },
  }),
  history: new NetworkFirst({
    cacheName: CACHE.history,
    networkTimeoutSeconds: 3,
    plugins: [onlyOk, expire(5, 7 * DAY), markCached],
  }),
  thumbnail: new StaleWhileRevalidate({
    cacheName: CACHE.thumbnails,
    plugins: [onlyOk, expire(150, 30 * DAY)],
  }),
  // A job's thumbnail never changes; history keeps jobs 7 days.
  "media-thumbnail": new CacheFirst({
    cacheName: CACHE.thumbnails,
    plugins: [
      onlyOk,
      { cacheKeyWillBeUsed: async ({ request }) => mediaCacheKey(new URL(request.url)) },
      expire(150, 7 * DAY),
    ],
  }),
};

for (const kind of Object.keys(strategies) as RouteKind[]) {
  registerRoute(
    ({ request, url }) =>
      routeFor({ method: request.method, mode: request.mode, url }, self.location.origin) === kind,
    strategies[kind],
  );
}

// A page neither the network nor the cache can answer: the precached offline page.
setCatchHandler(async ({ request }) => {
  if (request.mode === "navigate") return (await matchPrecache(OFFLINE_URL)) ?? Response.error();
  return Response.error();
});

installJobWatching(self);
installPushHandlers(self);
