import * as Sentry from "@sentry/nextjs";
import { NO_PERSONAL_DATA, scrubBreadcrumb, scrubEvent, scrubValue } from "../../observability/scrub";
import type { Config } from "../config";
import type { RequestContext } from "./request-context";

/**
 * Sentry on the server, loaded only when SENTRY_DSN is set (report.ts and startup.ts import this
 * module lazily). Errors only: no tracing, no request bodies, no personal data collected by the SDK; every event and
 * breadcrumb is scrubbed before it leaves (lib/observability/scrub.ts).
 */
export function startSentry(config: Config): void {
  if (!config.sentryDsn || Sentry.getClient()) return;
  Sentry.init({
    dsn: config.sentryDsn,
    release: `rendio-web@${config.version}`,
    environment: config.nodeEnv,
    dataCollection: { ...NO_PERSONAL_DATA, httpBodies: [] },
    // Nothing here traces: neither Next's OpenTelemetry spans nor the module hooks that feed spans.
    enableOpenTelemetrySetup: false,
    enableRuntimeChannelInjection: false,
    integrations: (defaults) => defaults.filter((integration) => !DROPPED.has(integration.name)),
    beforeSend: (event) => scrubEvent(event),
    beforeBreadcrumb: (breadcrumb) => scrubBreadcrumb(breadcrumb),
  });
}

/**
 * Integrations that would read what we never send: request data, local variables, the modules
 * installed, console output, and source lines around each frame (the server's bundles are long
 * minified lines, and a literal in them could be anything).
 */
const DROPPED = new Set([
  "RequestData",
  "LocalVariables",
  "LocalVariablesAsync",
  "Modules",
  "Console",
  "ContextLines",
]);

export type ReportContext = {
  request?: RequestContext;
  /** Where the error came from when no API request was being answered (a page, a job). */
  route?: string;
  details?: Record<string, unknown>;
};

/** One report: tagged with the request's id and route, and its user's id (never an email). */
export function sendReport(error: unknown, what: string, { request, route, details }: ReportContext): string {
  return Sentry.captureException(error, {
    tags: {
      ...(request ? { request_id: request.requestId, route: request.route, method: request.method } : {}),
      ...(route && !request ? { route } : {}),
    },
    user: request?.userId ? { id: request.userId } : undefined,
    extra: { what, ...(scrubValue(details ?? {}) as Record<string, unknown>) },
  });
}

/** Sends what is queued; resolves false when `timeoutMs` passed first. */
export function flushReports(timeoutMs: number): Promise<boolean> {
  return Sentry.flush(timeoutMs);
}
