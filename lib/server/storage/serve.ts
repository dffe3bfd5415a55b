import { safeDownloadName } from "./media-store";

/** HTTP details of serving stored media (app/api/media/[...path]). */

export type ByteRange = [start: number, end: number];

/**
 * One `bytes=` range → [start, end] (inclusive); "full" when there is no usable Range header
 * (absent, another unit, malformed or several ranges — RFC 9110 lets a server ignore those);
 * "unsatisfiable" when the range lies past the end.
 */
export function parseRange(header: string | null, size: number): ByteRange | "full" | "unsatisfiable" {
  if (header === null) return "full";
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return "full";
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return "full";
  if (first === "") {
    const suffix = Number(last);
    if (!Number.isSafeInteger(suffix)) return "full";
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(first);
  const end = last === "" ? Number.MAX_SAFE_INTEGER : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return "full";
  if (start >= size) return "unsatisfiable";
  return [start, Math.min(end, size - 1)];
}

/**
 * `attachment` with a quoted ASCII-safe `filename` and, when the name has more than that
 * (e.g. Turkish or Spanish letters), the exact name as RFC 8187 `filename*`.
 */
export function contentDisposition(name: string): string {
  const safe = safeDownloadName(name);
  const exact = Array.from(name.replace(/[\p{Cc}"\\/]|[\uD800-\uDFFF]/gu, "_").trim())
    .slice(0, 120)
    .join("");
  const encoded = encodeURIComponent(exact).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return exact === "" || exact === safe
    ? `attachment; filename="${safe}"`
    : `attachment; filename="${safe}"; filename*=UTF-8''${encoded}`;
}
