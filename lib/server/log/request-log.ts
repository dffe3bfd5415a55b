import { logger } from "./logger";
import type { RequestContext } from "./request-context";

/**
 * The request's one line, written when its answer is ready: never a query value, body, cookie or
 * header, only what identifies the request and how it went.
 */
export function logRequest(context: RequestContext, status: number, durationMs: number): void {
  logger().info(
    {
      requestId: context.requestId,
      method: context.method,
      route: context.route,
      status,
      durationMs: Math.round(durationMs * 10) / 10,
      userId: context.userId,
      code: context.errorCode,
    },
    "request",
  );
}
