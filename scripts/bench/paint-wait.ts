// How long a page waited for its first paint with nothing left to do.
//
// In headless Chromium the compositor sometimes stops offering frames to a page that was busy
// during its load, for up to a second at a time (GoogleChrome/lighthouse#17148, #17227): the page
// is laid out and ready, its main thread idle, yet the first paint comes 1 or 2 s later. Lantern
// then counts every script and picture that finished before that late paint, so one such run
// moves the simulated LCP by seconds. Outside Lighthouse (Playwright driving the same Chromium)
// the same page paints without such a wait. The bench prints the idle time before the first paint
// for every run, so a reader can tell a held paint from a slow page.
//
// What sets it off here, as far as the traces show: a late first commit. Once the navigation has
// committed, the renderer's compositor asks for frames and draws one of its still empty tree on
// every vsync; after the first few the display stops presenting them. In 90 Lighthouse traces of
// Home, a first main-frame commit within 152 ms of that first request was never held (30 of 30),
// one 173 ms or more after it always was (52 of 52), and 158-166 ms went either way.
//
// The first commit waits for the stylesheet (the head's inline scripts stop the parser until it is
// there), then for the frame: small if the rest of the body was still on its way, the whole page
// (100-225 ms of style and layout) if it had all arrived. All of it runs on two cores where V8 is
// compiling the arriving scripts on worker threads (a perf profile showed those threads using 1.2
// cores for ~100 ms while the main thread got none).
//
// Alternating runs of two builds, 7-12 runs each, showed no clear change from: leaving out Home's
// 56-element themes row (9 of 12 held either way), a stylesheet cut to the rules Home uses (41 of
// 82 KB: 7 of 10 held, against 4 of 10), answering /_next/static/ from memory, gzipped once (8 of
// 10, against 7 of 10), the featured pictures without decoding="async" (7 of 7, against 6 of 7).
// Without compile hints more runs were held (8 of 10, against 6 of 10). Smaller samples (4-5 runs
// each) showed no clear change from: the head without its viewport-fit, theme-color and manifest
// tags, one font size and weight for all text, no CSS animations, no service worker.

/** A run whose first paint waited this long with the main thread idle was held by the compositor. */
export const HELD_PAINT_MS = 500;

type TraceEvent = {
  name: string;
  ph?: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { documentLoaderURL?: string } };
};

/**
 * Of the time from navigation to the first contentful paint, the milliseconds the page's main
 * thread had no task; `undefined` when the trace does not show the navigation or the paint.
 */
export function idleBeforePaintMs(events: TraceEvent[]): number | undefined {
  const navigation = events.find(
    (e) => e.name === "navigationStart" && e.args?.data?.documentLoaderURL?.startsWith("http"),
  );
  if (!navigation) return undefined;
  const { pid } = navigation;
  const mainThread = events.find(
    (e) => e.name === "thread_name" && e.pid === pid && e.args?.name === "CrRendererMain",
  )?.tid;
  const paint = events.find((e) => e.name === "firstContentfulPaint" && e.pid === pid);
  if (mainThread === undefined || !paint) return undefined;
  let busy = 0;
  for (const e of events) {
    if (e.pid !== pid || e.tid !== mainThread || e.ph !== "X" || e.name !== "RunTask") continue;
    const start = Math.max(e.ts, navigation.ts);
    const end = Math.min(e.ts + (e.dur ?? 0), paint.ts);
    if (end > start) busy += end - start;
  }
  return (paint.ts - navigation.ts - busy) / 1000;
}
