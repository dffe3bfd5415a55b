import { createHash } from "node:crypto";

/**
 * JSON kept ready to send: the exact bytes `Response.json` would write, and a strong ETag of them,
 * so a client that has them gets a 304 with no body.
 */
export type JsonDocument = { body: string; etag: string };

export function jsonDocument(value: unknown): JsonDocument {
  const body = JSON.stringify(value);
  return { body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
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
function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed.replace(/^W\//, "") === etag;
  });
}
