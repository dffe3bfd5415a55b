import type { Job } from "@/lib/contracts/job";

/** Pure helpers of the history screen (kept apart from React so they are unit-tested). */

const DAY_MS = 24 * 60 * 60 * 1000;

export type MonthGroup = { key: string; label: string; jobs: Job[] };

/** Month headings by month key ("2026-11" → "November 2026"), as the server wrote them. */
export type MonthLabels = Record<string, string>;

/**
 * Jobs (already newest first) in runs of the same calendar month of the viewer's time zone, each
 * labelled like "November 2026" in the viewer's language: from `labels` when it has the month.
 */
export function groupByMonth(
  jobs: Job[],
  locale: string,
  timeZone?: string,
  labels: MonthLabels = {},
): MonthGroup[] {
  const groups: MonthGroup[] = [];
  for (const job of jobs) {
    const key = monthKey(new Date(job.createdAt), timeZone);
    const last = groups.at(-1);
    if (last?.key === key) last.jobs.push(job);
    else groups.push({ key, label: labels[key] ?? monthLabel(key, locale), jobs: [job] });
  }
  return groups;
}

/**
 * The headings of every month the jobs fall in in any time zone (14 hours either side of UTC),
 * so the browser, whatever its zone, finds its months here and makes no date formatter on
 * arrival: making one loads the language's calendar data, the slowest step of History on a phone.
 */
export function monthLabels(jobs: Job[], locale: string): MonthLabels {
  const labels: MonthLabels = {};
  for (const job of jobs) {
    const at = Date.parse(job.createdAt);
    for (const moment of [at - ZONE_REACH_MS, at + ZONE_REACH_MS]) {
      const key = monthKey(new Date(moment), "UTC");
      labels[key] ??= monthLabel(key, locale);
    }
  }
  return labels;
}

const ZONE_REACH_MS = 14 * 60 * 60 * 1000;

/** "2026-11": the date's month in the time zone (the device's when none is given). */
function monthKey(date: Date, timeZone?: string): string {
  if (!timeZone) return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}`;
  const part = (type: string) =>
    formatter("en-US", { year: "numeric", month: "2-digit", timeZone })
      .formatToParts(date)
      .find((p) => p.type === type)?.value;
  return `${part("year")}-${part("month")}`;
}

/** "2026-11" → "November 2026" in the language, capitalized. */
function monthLabel(key: string, locale: string): string {
  const [year, month] = key.split("-").map(Number) as [number, number];
  const middle = new Date(Date.UTC(year, month - 1, 15));
  return capitalize(
    formatter(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(middle),
    locale,
  );
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${locale} ${JSON.stringify(options)}`;
  let made = formatters.get(id);
  if (!made) {
    made = new Intl.DateTimeFormat(locale, options);
    formatters.set(id, made);
  }
  return made;
}

/** "noviembre de 2026" → "Noviembre de 2026": a heading starts with a capital in every language. */
function capitalize(text: string, locale: string): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/**
 * Days left before the job is deleted, rounded up (a new job: 7, its last hours: 1), so it agrees
 * with "kept for 7 days"; 0 once the time has passed (the sweeper has not run yet).
 */
export function daysUntilExpiry(expiresAt: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / DAY_MS));
}

export function isInFlight(job: Pick<Job, "status">): boolean {
  return job.status === "pending" || job.status === "processing";
}

/** Refresh delays while jobs are in flight: 2, 4, 8, 16 s, then every 16 s. */
export function livePollDelayMs(pollsSoFar: number): number {
  return Math.min(16, 2 ** (pollsSoFar + 1)) * 1000;
}

/** Waits `ms` after the last call before passing the value on (the search box → the server). */
export const SEARCH_DEBOUNCE_MS = 300;

/** The text actually sent as `q`: trimmed, at most 200 characters (the API's limit). */
export function searchQuery(text: string): string {
  return text.trim().slice(0, 200);
}
