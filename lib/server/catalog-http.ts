import type { IncomingHttpHeaders } from "node:http";
import { isLocale, type Locale, localeCookieName, resolveLocale } from "../i18n/locale";
import { parseCookieHeader } from "./auth/cookies";
import { getConfig } from "./config";
import { type JsonDocument, matchesEtag } from "./http-cache";
import { REQUEST_ID_HEADER, requestIdOf } from "./log/request-id";
import { logRequest } from "./log/request-log";
import { API_CONTENT_SECURITY_POLICY, staticSecurityHeaders } from "./security-headers";
import { getCatalogDocument, getModelDocument } from "./services/catalog";

/**
 * The catalog routes' answers (`GET /api/models`, `GET /api/models/:id`), for their route handlers
 * and for scripts/serve.mjs, which answers them from memory before Next: a route handler costs
 * Next several times what the answer itself does. Both send the same status, bytes and headers
 * (e2e/http-catalog.spec.ts compares them on the wire).
 */

/**
 * The catalog is the same for everyone who asks in the same language (the request's, chosen by
 * its cookie or Accept-Language, or `?locale=`): a browser keeps it a minute, then revalidates
 * with its ETag; the server's own copy is as fresh (lib/server/services/catalog.ts).
 */
export const catalogHeaders = {
  "cache-control": "public, max-age=60, stale-while-revalidate=3600",
  vary: "Accept-Language, Cookie",
};

/** `?locale=` when it names a language, else the request's. */
export function catalogLocale(asked: string | null, requestLocale: Locale): Locale {
  return isLocale(asked) ? asked : requestLocale;
}

export type CatalogFirstAnswer = {
  status: 200 | 304;
  /** Names and values in one list, in the order Next writes them. */
  headers: string[];
  body?: Buffer;
};

/** Where serve.mjs finds answerCatalogFirst (this module lives in Next's bundle, serve.mjs outside it). */
export const CATALOG_FIRST = Symbol.for("rendio.catalogFirst");

/** Called once at server start (lib/server/startup.ts). */
export function registerCatalogFirst(): void {
  (globalThis as { [CATALOG_FIRST]?: typeof answerCatalogFirst })[CATALOG_FIRST] = answerCatalogFirst;
}

const CATALOG_PATH = /^\/api\/models(?:\/([A-Za-z0-9-]{1,100}))?$/;
// Anything else in a query (a fragment, a backslash…) may be read differently by Next's URL parser.
const PLAIN_QUERY = /^[\w.~%=&+-]*$/;

/**
 * The answer the catalog's route handler and Next would give `method url` with these headers, or
 * undefined when Next should answer: another path or method, an unknown model (a 404), a failing
 * database, an Accept-Encoding only Next's negotiation reads.
 */
export async function answerCatalogFirst(
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
): Promise<CatalogFirstAnswer | undefined> {
  if (method !== "GET" && method !== "HEAD") return undefined;
  const queryAt = url.indexOf("?");
  const path = CATALOG_PATH.exec(queryAt < 0 ? url : url.slice(0, queryAt));
  const query = queryAt < 0 ? "" : url.slice(queryAt + 1);
  const encoding = chosenEncoding(headers["accept-encoding"]);
  if (!path || !PLAIN_QUERY.test(query) || !encoding || forNextRouter(headers, query)) return undefined;

  const started = performance.now();
  const locale = catalogLocale(new URLSearchParams(query).get("locale"), requestLocale(headers));
  const id = path[1];
  let document: JsonDocument;
  try {
    document = id === undefined ? await getCatalogDocument(locale) : await getModelDocument(id, locale);
  } catch {
    return undefined;
  }
  const requestId = requestIdOf((name) => {
    const value = headers[name];
    return typeof value === "string" ? value : undefined;
  });
  const answer = catalogAnswer(method, headers, document, encoding, requestId);
  const route = id === undefined ? "/api/models" : "/api/models/[id]";
  logRequest({ requestId, method, route }, answer.status, performance.now() - started);
  return answer;
}

function catalogAnswer(
  method: string,
  headers: IncomingHttpHeaders,
  document: JsonDocument,
  encoding: "gzip" | "identity",
  requestId: string,
): CatalogFirstAnswer {
  if (matchesEtag(headers["if-none-match"], document.etag)) {
    return { status: 304, headers: notModifiedHeaders(document, requestId) };
  }
  if (method === "HEAD") return { status: 200, headers: documentHeaders(document, "identity", requestId) };
  return {
    status: 200,
    headers: documentHeaders(document, encoding, requestId),
    body: encoding === "gzip" ? document.gzip : document.bytes,
  };
}

/**
 * A request for Next's own router: RSC requests (Next checks their cache-busting `_rsc` parameter
 * against these headers before any route runs, and redirects when it differs), middleware
 * prefetches (answered `{}`), revalidations. Next answers those.
 */
function forNextRouter(headers: IncomingHttpHeaders, query: string): boolean {
  return ROUTER_HEADERS.some((name) => headers[name] !== undefined) || query.includes("_rsc");
}

const ROUTER_HEADERS = [
  "rsc",
  "next-router-prefetch",
  "next-router-state-tree",
  "next-router-segment-prefetch",
  "next-url",
  "x-middleware-prefetch",
  "x-nextjs-data",
  "x-now-route-matches",
];

/** The request's language as the route handler reads it (lib/server/route.ts): the last cookie wins. */
function requestLocale(headers: IncomingHttpHeaders): Locale {
  const cookies = new Map(parseCookieHeader(headers.cookie ?? null).map((c) => [c.name, c.value]));
  return resolveLocale({ cookie: cookies.get(localeCookieName), acceptLanguage: headers["accept-language"] });
}

/**
 * What Next's compression would send: gzip when a plain list of encodings names it, the bytes as
 * they are when it names neither gzip nor deflate; anything else (q-values, `*`, `identity`,
 * deflate alone) is left to Next.
 */
function chosenEncoding(header: string | undefined): "gzip" | "identity" | undefined {
  const names = (header ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (names.some((name) => !/^[a-z0-9-]+$/.test(name) || name === "identity")) return undefined;
  if (names.includes("gzip")) return "gzip";
  return names.includes("deflate") ? undefined : "identity";
}

// What Next adds to every route handler's answer: next.config.ts's headers (every path, then
// /api), its own Vary (base-server's setVaryHeader), then compression's Accept-Encoding on JSON.
const NEXT_VARY = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch";
let configHeaders: string[] | undefined;

function nextConfigHeaders(): string[] {
  configHeaders ??= [
    ...staticSecurityHeaders({ isDev: getConfig().nodeEnv === "development" }).flatMap(({ key, value }) => [
      key,
      value,
    ]),
    "Content-Security-Policy",
    API_CONTENT_SECURITY_POLICY,
  ];
  return configHeaders;
}

// The route handler's own headers come out in name order (Headers sorts them), x-request-id last.
function documentHeaders(document: JsonDocument, encoding: "gzip" | "identity", requestId: string): string[] {
  return [
    ...nextConfigHeaders(),
    "Vary",
    `${NEXT_VARY}, ${catalogHeaders.vary}, Accept-Encoding`,
    "cache-control",
    catalogHeaders["cache-control"],
    "content-type",
    "application/json",
    "etag",
    document.etag,
    REQUEST_ID_HEADER,
    requestId,
    ...(encoding === "gzip" ? ["Content-Encoding", "gzip"] : []),
  ];
}

/** Without a body nor its type, compression leaves Vary as the two parts were appended. */
function notModifiedHeaders(document: JsonDocument, requestId: string): string[] {
  return [
    ...nextConfigHeaders(),
    "vary",
    NEXT_VARY,
    "vary",
    catalogHeaders.vary,
    "cache-control",
    catalogHeaders["cache-control"],
    "etag",
    document.etag,
    REQUEST_ID_HEADER,
    requestId,
  ];
}
