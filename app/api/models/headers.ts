/**
 * The catalog is the same for everyone who asks in the same language (the request's, chosen by
 * its cookie or Accept-Language, or `?locale=`): a browser keeps it a minute, then revalidates
 * with its ETag; the server's own copy is as fresh (lib/server/services/catalog.ts).
 */
export const catalogHeaders = {
  "cache-control": "public, max-age=60, stale-while-revalidate=3600",
  vary: "Accept-Language, Cookie",
};
