import type { Instrumentation } from "next";

// Next.js calls register() once when a server starts (lib/server/startup.ts says what happens
// then). The literal NEXT_RUNTIME checks (the process.env reads outside lib/server/config.ts)
// let the bundler drop the Node-only code from the Edge build of this file.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server/startup");
  await startServer();
}

/**
 * A failure Next caught while rendering a page or server component, or in a route handler that
 * threw: logged, and reported to Sentry when configured (API routes report their own 500s first).
 */
export const onRequestError: Instrumentation.onRequestError = async (error, _request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { reportRequestError } = await import("./lib/server/log/report");
  reportRequestError(error, context.routePath, context.routeType);
};
