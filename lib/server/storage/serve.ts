import "server-only";
import type { FileHandle } from "node:fs/promises";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { AppError } from "../../errors";
import { getConfig } from "../config";
import { DECLARED_LENGTH_HEADER } from "../content-length";
import { mediaFilePath, mediaRoot, unixNow } from "./files";
import { contentTypeFor, safeDownloadName } from "./media-store";

/**
 * Serving media of the files adapter over HTTP (app/api/media/[...path] checks the link, this
 * answers it): GET and HEAD, single byte ranges (Safari plays video only through 206 Partial
 * Content), If-Range, and a download name.
 */

/** A stored object whose signed link was checked. */
export type ServedMedia = {
  /** The storage key, e.g. `videos/<user>/<job>.mp4`. */
  path: string;
  /** When the link expires (unix seconds): the answer is cached no longer. */
  expiresAt: number;
  /** The download file name (`dl=`), or null to show the media inline. */
  download: string | null;
  /** false for HEAD. */
  withBody: boolean;
};

/** The stored file as an answer (200, 206 or 416); no file there is AppError not_found. */
export async function serveMediaFile(request: Request, media: ServedMedia): Promise<Response> {
  const file = await openFile(mediaFilePath(mediaRoot(getConfig().dataDir), media.path));
  if (!file) throw new AppError("not_found");
  let handedOff = false;
  try {
    const stat = await file.stat();
    if (!stat.isFile()) throw new AppError("not_found");
    const size = stat.size;
    const etag = `"${size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const headers = new Headers({
      "content-type": contentTypeFor(media.path),
      "accept-ranges": "bytes",
      "cache-control": `private, max-age=${Math.max(0, media.expiresAt - unixNow())}`,
      "x-content-type-options": "nosniff",
      etag,
      "last-modified": stat.mtime.toUTCString(),
    });
    if (media.download) headers.set("content-disposition", contentDisposition(media.download));

    const ifRange = request.headers.get("if-range");
    const range =
      ifRange === null || ifRange === etag ? parseRange(request.headers.get("range"), size) : "full";
    if (range === "unsatisfiable") {
      headers.set("content-range", `bytes */${size}`);
      setLength(headers, 0);
      return new Response(null, { status: 416, headers });
    }

    const [start, end] = range === "full" ? [0, size - 1] : range;
    const length = size === 0 ? 0 : end - start + 1;
    setLength(headers, length);
    if (range !== "full") headers.set("content-range", `bytes ${start}-${end}/${size}`);
    const status = range === "full" ? 200 : 206;
    if (!media.withBody || length === 0) return new Response(null, { status, headers });

    // Streamed from the open handle: no whole video in memory, and a file deleted meanwhile
    // still reads to the end. The handle closes when the stream ends or the client goes away.
    const stream = file.createReadStream({ start, end, autoClose: true });
    handedOff = true;
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status, headers });
  } finally {
    if (!handedOff) await file.close();
  }
}

/** Next.js drops Content-Length on the way out; the declared copy brings it back (content-length.ts). */
function setLength(headers: Headers, length: number): void {
  headers.set("content-length", String(length));
  headers.set(DECLARED_LENGTH_HEADER, String(length));
}

async function openFile(file: string): Promise<FileHandle | undefined> {
  try {
    return await open(file, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return undefined;
    throw error;
  }
}

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
