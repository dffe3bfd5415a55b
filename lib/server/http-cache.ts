import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

/**
 * JSON kept ready to send: the exact bytes `Response.json` would write, a strong ETag of them (a
 * client that has them gets a 304 with no body), and their gzip encoding, made once instead of per
 * request (zlib's defaults, the bytes Next's own compression writes for them).
 */
export type JsonDocument = { body: string; bytes: Buffer; gzip: Buffer; etag: string };

export function jsonDocument(value: unknown): JsonDocument {
  const body = JSON.stringify(value);
  const bytes = Buffer.from(body);
  const etag = `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 27)}"`;
  return { body, bytes, gzip: gzipSync(bytes), etag };
}

/** The document, or 304 Not Modified when `If-None-Match` names its ETag. */
export function cachedJson(
  request: Request,
  document: JsonDocument,
  headers: Record<string, string>,
): Response {
  const all = { ...headers, etag: document.etag };
  if (matchesEtag(request.headers.get("if-none-match"), document.etag)) {
    return new Response(null, { status: 304, headers: all });
  }
  return new Response(document.body, { headers: { ...all, "content-type": "application/json" } });
}

/** If-None-Match compares weakly (RFC 9110 13.1.2): W/"x" matches "x"; `*` matches anything. */
export function matchesEtag(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed.replace(/^W\//, "") === etag;
  });
}
