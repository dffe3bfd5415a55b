import type { z } from "zod";
import { AppError, isAppError } from "../errors";
import { reportError } from "./log/report";
import { setRequestError } from "./log/request-context";
import { publicOrigin } from "./public-origin";

/** The boundary of every route handler: JSON in and out in docs/api.md's shapes, errors by catalogue. */

export const MAX_JSON_BODY_BYTES = 64 * 1024;

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("cache-control")) headers.set("cache-control", "no-store");
  return Response.json(body, { ...init, headers });
}

/** The catalogue answer for `error`; one that is not an AppError is a 500, reported. */
export function errorResponse(error: unknown): Response {
  const appError = isAppError(error) ? error : new AppError("internal");
  if (appError.code === "internal") reportError(error, "unexpected error");
  setRequestError(appError.code);
  const headers = new Headers({ "cache-control": "no-store" });
  if (appError.retryAfterSeconds !== undefined)
    headers.set("retry-after", String(appError.retryAfterSeconds));
  // The rest of a refused body is never read: the connection cannot carry another request, and
  // saying so keeps keep-alive clients from sending one on it.
  if (appError.code === "payload_too_large") headers.set("connection", "close");
  return Response.json(appError.toBody(), { status: appError.status, headers });
}

/** Runs a route handler's work and maps any error to its catalogue response. */
export async function handle(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    return errorResponse(error);
  }
}

/** A zod failure as docs/api.md's validation error, naming the first field at fault. */
export function validationError(error: z.ZodError, prefix = ""): AppError {
  const path = error.issues[0]?.path.join(".") ?? "";
  return new AppError("validation_failed", { field: [prefix, path].filter(Boolean).join(".") || undefined });
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, prefix = ""): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error, prefix);
  return parsed.data;
}

/**
 * Reads a JSON body of at most `maxBytes` (64 KB by default) and validates it; bad input is a 400
 * or 413, never a 500. `textPlain` also accepts JSON sent as text/plain (a beacon's string).
 */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  { maxBytes = MAX_JSON_BODY_BYTES, textPlain = false }: { maxBytes?: number; textPlain?: boolean } = {},
): Promise<z.output<S>> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new AppError("payload_too_large");
  const type = request.headers.get("content-type") ?? "";
  const accepted = textPlain ? /^(application\/json|text\/plain)\b/i : /^application\/json\b/i;
  if (!accepted.test(type)) throw new AppError("validation_failed", { field: "body" });
  const bytes = await readLimited(request, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new AppError("validation_failed", { field: "body" });
  }
  return parseWith(schema, value);
}

/** As readJson, for a body that may be left out: an empty body without a content type reads as `{}`. */
export async function readOptionalJson<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<z.output<S>> {
  if (request.headers.get("content-type")) return readJson(request, schema);
  const bytes = await readLimited(request, MAX_JSON_BODY_BYTES);
  if (bytes.byteLength > 0) throw new AppError("validation_failed", { field: "body" });
  return parseWith(schema, {});
}

/**
 * The body, failing with payload_too_large as soon as it passes `limit` bytes. The rest is left
 * unread rather than cancelled: under `next start`, cancelling destroys the request and its socket,
 * racing the 413 to the client; left alone, the socket closes once the 413 is sent.
 */
export async function readLimited(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.releaseLock();
      throw new AppError("payload_too_large");
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * CSRF protection for mutations: a browser always sends Origin on a POST, and its scheme, host
 * and port must be ours (publicOrigin). `Origin: null` (sandboxed frames, some redirects) is
 * refused. Requests without Origin (curl, server-to-server, tests) carry no ambient browser
 * credentials risk.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (origin === null) return;
  const ours = publicOrigin(request);
  let theirs: string;
  try {
    theirs = new URL(origin).origin;
  } catch {
    throw new AppError("forbidden");
  }
  if (ours === null || theirs !== ours) throw new AppError("forbidden");
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && uuid.test(value);
}

/** The Idempotency-Key header, which must be a UUID. */
export function idempotencyKey(request: Request): string {
  const key = request.headers.get("idempotency-key")?.trim();
  if (!isUuid(key)) throw new AppError("idempotency_key_required");
  return key.toLowerCase();
}

/** The client's address for rate limits, as TRUST_PROXY says to read it (client-address.ts). */
export { clientAddress } from "./client-address";
