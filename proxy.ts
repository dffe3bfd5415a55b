import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/server/http";

/**
 * A media path with broken percent-encoding (`/api/media/%E0%A4%A`) makes Next.js fail while
 * decoding the route's params, before any handler runs, and answer a plain-text 500. The proxy
 * runs before that step and answers such paths as what they are: not found.
 */
export function proxy(request: Request): Response | undefined {
  try {
    decodeURIComponent(new URL(request.url).pathname);
    return undefined;
  } catch {
    return errorResponse(new AppError("not_found"));
  }
}

export const config = { matcher: "/api/media/:path*" };
