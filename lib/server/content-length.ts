import { ServerResponse } from "node:http";

/**
 * Next.js drops Content-Length from a route handler's Response when it writes it out (its
 * send-response forbids the header, as a body may have been decoded on the way): a streamed body
 * goes out chunked and a HEAD answer has no length. Safari plays video only from answers that
 * carry it. A handler that knows its length also names it in DECLARED_LENGTH_HEADER, and this hook
 * on Node's responses turns that back into Content-Length as the headers are written.
 */
export const DECLARED_LENGTH_HEADER = "x-rendio-content-length";

const installed = Symbol.for("rendio.declaredLengthHook");

/** Installs the hook once per process (instrumentation.ts, at server start). */
export function restoreDeclaredLengths(): void {
  const proto = ServerResponse.prototype as ServerResponse & { [installed]?: boolean };
  if (proto[installed]) return;
  proto[installed] = true;
  const writeHead = proto.writeHead;
  proto.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    applyDeclaredLength(this);
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof writeHead;
}

/** Moves the declared length into Content-Length, unless the body was re-encoded (compressed). */
export function applyDeclaredLength(response: ServerResponse): void {
  const declared = response.getHeader(DECLARED_LENGTH_HEADER);
  if (declared === undefined) return;
  response.removeHeader(DECLARED_LENGTH_HEADER);
  if (response.hasHeader("content-length") || response.hasHeader("content-encoding")) return;
  if (typeof declared === "string" && /^\d{1,15}$/.test(declared)) {
    response.setHeader("content-length", declared);
  }
}
