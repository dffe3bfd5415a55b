import type { FileHandle } from "node:fs/promises";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { AppError } from "@/lib/errors";
import { getConfig } from "@/lib/server/config";
import { DECLARED_LENGTH_HEADER } from "@/lib/server/content-length";
import { answerRequest } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { signingKey } from "@/lib/server/secrets";
import { mediaFilePath, mediaRoot, unixNow, verifyMediaSignature } from "@/lib/server/storage/files";
import { contentTypeFor } from "@/lib/server/storage/media-store";
import { contentDisposition, parseRange } from "@/lib/server/storage/serve";

/**
 * Serves media of the files adapter through links signed by lib/server/storage/files.ts:
 * GET and HEAD, with single byte ranges (Safari plays video only through 206 Partial Content)
 * and `dl=<name>` for downloads.
 */

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ path: string[] }> };

export function GET(request: Request, context: Context): Promise<Response> {
  return serve(request, context, true);
}

export function HEAD(request: Request, context: Context): Promise<Response> {
  return serve(request, context, false);
}

function serve(request: Request, context: Context, withBody: boolean): Promise<Response> {
  return answerRequest(request, async () => {
    const { path: segments } = await context.params;
    // A segment holding a slash came encoded (%2F): links never have one, so no media is there.
    if (Array.isArray(segments) && segments.some((segment) => segment.includes("/"))) {
      throw new AppError("not_found");
    }
    const path = Array.isArray(segments) ? segments.join("/") : "";
    const query = new URL(request.url).searchParams;
    const dl = query.get("dl");
    const check = verifyMediaSignature(await signingKey("media"), {
      path,
      exp: query.get("exp"),
      sig: query.get("sig"),
      dl,
    });
    // A bad signature, a tampered path and an expired link look the same to the caller.
    if (!check.ok) throw new AppError("forbidden");

    const file = await openFile(mediaFilePath(mediaRoot(getConfig().dataDir), path));
    if (!file) throw new AppError("not_found");
    let handedOff = false;
    try {
      const stat = await file.stat();
      if (!stat.isFile()) throw new AppError("not_found");
      const size = stat.size;
      const etag = `"${size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
      const headers = new Headers({
        "content-type": contentTypeFor(path),
        "accept-ranges": "bytes",
        "cache-control": `private, max-age=${Math.max(0, check.expiresAt - unixNow())}`,
        "x-content-type-options": "nosniff",
        etag,
        "last-modified": stat.mtime.toUTCString(),
      });
      if (dl) headers.set("content-disposition", contentDisposition(dl));

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
      if (!withBody || length === 0) return new Response(null, { status, headers });

      // Streamed from the open handle: no whole video in memory, and a file deleted meanwhile
      // still reads to the end. The handle closes when the stream ends or the client goes away.
      const stream = file.createReadStream({ start, end, autoClose: true });
      handedOff = true;
      return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status, headers });
    } finally {
      if (!handedOff) await file.close();
    }
  });
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

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "HEAD");
