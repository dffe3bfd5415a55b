// The browser SDK that @sentry/nextjs wraps, at the same version: its Next.js layer adds tracing
// and routing code this page does not use, tripling the chunk (and every installed app's precache).
import * as Sentry from "@sentry/browser";
import { NO_PERSONAL_DATA, scrubBreadcrumb, scrubEvent } from "@/lib/observability/scrub";
import { parseWorkerError, type WorkerErrorsWanted } from "@/lib/sw/errors";

/** What the server tells the page about error reporting (only when SENTRY_DSN is set). */
export type BrowserSentry = { dsn: string; release: string; environment: string };

/**
 * Starts Sentry in the page: uncaught errors and unhandled rejections (those met before it loaded
 * too), and the service worker's, which it forwards here. Every event and breadcrumb is scrubbed.
 */
export function startErrorReporting(settings: BrowserSentry, early: unknown[]): void {
  if (Sentry.getClient()) return;
  Sentry.init({
    dsn: settings.dsn,
    release: settings.release,
    environment: settings.environment,
    dataCollection: { ...NO_PERSONAL_DATA, httpBodies: [] },
    beforeSend: (event) => scrubEvent(event),
    beforeBreadcrumb: (breadcrumb) => scrubBreadcrumb(breadcrumb),
  });
  for (const error of early) Sentry.captureException(error);
  listenToPage();
  listenToWorker();
}

/**
 * The SDK's own global handlers missed unhandled rejections in our tests once it was running, so
 * the page reports what reaches the window too. The SDK marks an error it has sent and skips it
 * when asked again, so an error both see is still sent once.
 */
function listenToPage(): void {
  const report = (error: unknown) => {
    if (typeof error === "object" && error !== null) Sentry.captureException(error);
  };
  window.addEventListener("error", (event) => report(event.error));
  window.addEventListener("unhandledrejection", (event) => report(event.reason));
}

function listenToWorker(): void {
  const container = navigator.serviceWorker;
  if (!container) return;
  container.addEventListener("message", (event: MessageEvent) => {
    const message = parseWorkerError(event.data);
    if (!message) return;
    const error = new Error(message.message);
    error.name = message.name;
    if (message.stack) error.stack = message.stack;
    Sentry.captureException(error, { tags: { source: "service-worker" } });
  });
  const wanted: WorkerErrorsWanted = { type: "worker-errors-wanted" };
  void container.ready.then((registration) => registration.active?.postMessage(wanted));
}
