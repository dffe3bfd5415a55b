import { USER_CACHES } from "@/lib/sw/routes";

/**
 * Forgets the signed-in person's cached pages, history, catalog and thumbnails (the service
 * worker's runtime caches) from the page itself: CacheStorage is shared with the worker. The
 * precache (code, styles, offline page) holds nothing personal and stays.
 */
export async function clearUserCaches(): Promise<void> {
  if (typeof caches === "undefined") return;
  await Promise.all(USER_CACHES.map((name) => caches.delete(name).catch(() => false)));
}
