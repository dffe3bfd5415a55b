"use client";

import { useEffect } from "react";
import type { BrowserSentry } from "./error-reporting";

/**
 * Error reporting and Web Vitals, started once the page has loaded so that neither adds to its
 * first load: the Sentry SDK only when the server passes a DSN, web-vitals only for a sampled view
 * (the server draws the sample). Errors thrown before the SDK arrives are held and sent with it.
 */
export function Observability({ sentry, vitals }: { sentry: BrowserSentry | null; vitals: boolean }) {
  useEffect(() => {
    const early: unknown[] = [];
    const hold = (event: ErrorEvent | PromiseRejectionEvent) =>
      early.push(event instanceof PromiseRejectionEvent ? event.reason : (event.error ?? event.message));
    const stopHolding = () => {
      window.removeEventListener("error", hold);
      window.removeEventListener("unhandledrejection", hold);
    };
    if (sentry) {
      window.addEventListener("error", hold);
      window.addEventListener("unhandledrejection", hold);
    }
    const start = () => {
      if (sentry) {
        void import("./error-reporting").then(({ startErrorReporting }) => {
          stopHolding();
          startErrorReporting(sentry, early);
        });
      }
      if (vitals) void import("./vitals").then(({ sendVitals }) => sendVitals());
    };
    if (document.readyState === "complete") start();
    else window.addEventListener("load", start, { once: true });
    return () => {
      stopHolding();
      window.removeEventListener("load", start);
    };
  }, [sentry, vitals]);

  return null;
}
