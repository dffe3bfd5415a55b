"use client";

import { useEffect } from "react";
import type { BrowserSentry } from "./error-reporting";

/** Once per page life: a refreshed layout renders the island again with new props. */
let started = false;

/**
 * Error reporting and Web Vitals, started once the page has loaded so that neither adds to its
 * first load: the Sentry SDK only when the server passes a DSN, web-vitals only for a sampled view
 * (the server draws the sample). Errors thrown before the SDK arrives are held and sent with it.
 */
export function Observability({ sentry, vitals }: { sentry: BrowserSentry | null; vitals: boolean }) {
  useEffect(() => {
    if (started) return;
    started = true;
    const early: unknown[] = [];
    const hold = (event: ErrorEvent | PromiseRejectionEvent) =>
      early.push(event instanceof PromiseRejectionEvent ? event.reason : (event.error ?? event.message));
    if (sentry) {
      window.addEventListener("error", hold);
      window.addEventListener("unhandledrejection", hold);
    }
    const start = () => {
      if (sentry) {
        void import("./error-reporting").then(({ startErrorReporting }) => {
          window.removeEventListener("error", hold);
          window.removeEventListener("unhandledrejection", hold);
          startErrorReporting(sentry, early);
        });
      }
      if (vitals) void import("./vitals").then(({ sendVitals }) => sendVitals());
    };
    // The island lives as long as the page: nothing to undo.
    if (document.readyState === "complete") start();
    else window.addEventListener("load", start, { once: true });
  }, [sentry, vitals]);

  return null;
}
