import { after } from "next/server";
import { getConfig } from "../config";
import { logger } from "./logger";
import { currentRequest } from "./request-context";

/**
 * Errors already reported, so that one failure seen twice (a route, then Next) is sent once; on
 * globalThis because Next may load this module once per bundle (instrumentation, each route).
 */
const holder = globalThis as { __rendioReported?: WeakSet<object> };
holder.__rendioReported ??= new WeakSet<object>();
const reported = holder.__rendioReported;

/**
 * An unexpected failure (a bug, a provider or webhook that broke its contract): written to the
 * log at error level with the request's context, and sent to Sentry when SENTRY_DSN is set. `what`
 * says what was being done, in a few words.
 */
export function reportError(error: unknown, what: string, details: Record<string, unknown> = {}): void {
  logger().error({ err: error, ...details }, what);
  if (!getConfig().sentryDsn || !firstReport(error)) return;
  const request = currentRequest();
  sendToSentry(error, what, { request: request && { ...request }, details });
}

/**
 * A failure Next.js caught itself (instrumentation.ts onRequestError: a page, a server component,
 * a route handler that threw): logged and reported like any other, with Next's route template.
 */
export function reportRequestError(error: unknown, route: string, kind: string): void {
  if (error !== null && typeof error === "object" && reported.has(error)) return;
  logger().error({ err: error, route, kind }, "request failed");
  if (!getConfig().sentryDsn || !firstReport(error)) return;
  sendToSentry(error, "request failed", { request: currentRequest(), route, details: { kind } });
}

function firstReport(error: unknown): boolean {
  if (error === null || typeof error !== "object") return true;
  if (reported.has(error)) return false;
  reported.add(error);
  return true;
}

type Context = import("./sentry").ReportContext;

function sendToSentry(error: unknown, what: string, context: Context): void {
  const sending = import("./sentry").then(async ({ startSentry, sendReport, flushReports }) => {
    startSentry(getConfig());
    sendReport(error, what, context);
    // A serverless function may be frozen once it has answered: send now.
    await flushReports(2000);
  });
  keepAlive(sending.catch((failure: unknown) => logger().warn({ err: failure }, "error report not sent")));
}

/** On Vercel, the function lives until `work` settles (`after`); elsewhere the process carries on. */
function keepAlive(work: Promise<unknown>): void {
  try {
    after(work);
  } catch {
    // Not inside a request (a background job, start-up): nothing to extend.
  }
}
