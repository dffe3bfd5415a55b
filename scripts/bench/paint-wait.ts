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
// What sets it off here, as far as the traces show: a long first main frame. When the first
// frame's style and layout run long (the whole page parsed before it starts: 100-230 ms, while V8
// compiles the arriving scripts on the worker threads of a 2-core machine), the renderer's
// compositor draws frames of its still empty tree in the meantime. The display never presents
// those; the compositor waits for them to be acknowledged and drops every frame after its first
// commit ("backfill") until about a second later. In unheld runs the first frame started before
// the parser had the rest of the body, committed within ~20 ms and was presented. Home without
// its 56-element themes row painted unheld in 4 runs of 4; with it, 8 of 9 runs were held.
// No clear change in how often runs were held (4-5 runs each, so small samples): the head
// without its viewport-fit, theme-color and manifest tags, one font size and weight for all
// text, no CSS animations, no service worker, scripts without compile hints.

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
