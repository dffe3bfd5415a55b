import type { Job } from "@/lib/contracts/job";

/** Pure helpers of the history screen (kept apart from React so they are unit-tested). */

const DAY_MS = 24 * 60 * 60 * 1000;

export type MonthGroup = { key: string; label: string; jobs: Job[] };

/**
 * Jobs (already newest first) in runs of the same calendar month of the viewer's time zone, each
 * labelled like "November 2026" in the viewer's language.
 */
export function groupByMonth(jobs: Job[], locale: string, timeZone?: string): MonthGroup[] {
  const label = monthFormat(locale, timeZone);
  const groups: MonthGroup[] = [];
  for (const job of jobs) {
    // The month's name with its year names the month; without spaces it is also an element id.
    const name = label.format(new Date(job.createdAt));
    const key = name.replace(/\s+/gu, "-");
    const last = groups.at(-1);
    if (last?.key === key) last.jobs.push(job);
    else groups.push({ key, label: capitalize(name, locale), jobs: [job] });
  }
  return groups;
}

// Making a DateTimeFormat loads the locale's calendar data, the slowest step here on a phone:
// made once per language and time zone, not on every render.
const monthFormats = new Map<string, Intl.DateTimeFormat>();

function monthFormat(locale: string, timeZone?: string): Intl.DateTimeFormat {
  const id = `${locale} ${timeZone ?? ""}`;
  let format = monthFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone });
    monthFormats.set(id, format);
  }
  return format;
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
