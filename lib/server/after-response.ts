import "server-only";
import { after } from "next/server";
import { isAppError } from "../errors";
import { logger } from "./log/logger";
import { reportError } from "./log/report";

/**
 * Lets `work` finish after the response is sent. On a serverless host (Vercel) the function is
 * kept alive until it settles (`after` from next/server); outside a request (start-up, the
 * sweeper, tests) `after` is not available and the long-lived process simply carries on.
 * Failures are logged: nobody is left to hear them. A catalogue error (e.g. storage unavailable) is
 * an outcome the work itself already reported if it had to; anything else is reported here.
 */
export function finishAfterResponse(work: Promise<unknown>, what: string): void {
  const logged = work.catch((error: unknown) => {
    if (isAppError(error)) logger().warn({ code: error.code }, `${what} failed`);
    else reportError(error, `${what} failed`);
  });
  try {
    after(logged);
  } catch {
    // Not inside a request: nothing to extend.
  }
}
