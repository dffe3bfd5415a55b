import { logger } from "./logger";

/**
 * An unexpected failure (a bug, a provider or webhook that broke its contract): written to the
 * log at error level with the request's context. `what` says what was being done, in a few words.
 */
export function reportError(error: unknown, what: string, details: Record<string, unknown> = {}): void {
  logger().error({ err: error, ...details }, what);
}
