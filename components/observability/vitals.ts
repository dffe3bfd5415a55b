import { type Metric, onCLS, onINP, onLCP, onTTFB } from "web-vitals";
import { pageRoute } from "@/lib/observability/pages";

type Reading = Pick<Metric, "name" | "value" | "rating" | "navigationType">;

/**
 * Measures this page view's LCP, INP, CLS and TTFB and sends what is known whenever the page is
 * hidden (the last moment a page is sure to get: web-vitals reports most metrics then), with
 * navigator.sendBeacon, which outlives the page. The page is named by its route template only.
 */
export function sendVitals(): void {
  const route = pageRoute(location.pathname);
  const queued = new Map<string, Reading>();
  const queue = ({ name, value, rating, navigationType }: Metric) =>
    queued.set(name, { name, value: Math.max(0, value), rating, navigationType });
  onTTFB(queue);
  onLCP(queue);
  onCLS(queue);
  onINP(queue);

  const flush = () => {
    if (queued.size === 0) return;
    const body = JSON.stringify({ route, metrics: [...queued.values()] });
    queued.clear();
    // A string goes as text/plain, which every browser's sendBeacon accepts.
    navigator.sendBeacon("/api/vitals", body);
  };
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush();
  });
  window.addEventListener("pagehide", flush);
}
