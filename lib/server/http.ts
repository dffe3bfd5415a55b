import { AppError } from "../errors";

/** JSON responses in api.md's shapes; an unexpected error is logged and answered as `internal`. */

export function json(body: unknown, init: ResponseInit = {}): Response {
  return Response.json(body, init);
}

export function errorResponse(error: unknown): Response {
  const appError = error instanceof AppError ? error : new AppError("internal");
  if (appError.code === "internal") console.error("[rendio] unexpected error", error);
  const headers = new Headers({ "cache-control": "no-store" });
  if (appError.retryAfterSeconds !== undefined)
    headers.set("retry-after", String(appError.retryAfterSeconds));
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
