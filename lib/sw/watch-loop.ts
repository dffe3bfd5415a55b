import { isFinalStatus, pollDelayMs } from "../jobs-polling";

/** A job as the worker needs it: the API's JSON, of which only id and status are read. */
export type WatchedJob = { id: string; status: string } & Record<string, unknown>;

export type PollOutcome =
  | { kind: "job"; job: WatchedJob }
  /** 404 or 401: the job is not there (deleted, expired) or the session ended — stop. */
  | { kind: "gone" }
  /** Network error or a 5xx: try again after the next delay. */
  | { kind: "retry" };

export type WatchSteps = {
  poll(): Promise<PollOutcome>;
  sleep(ms: number): Promise<void>;
  /** False once the watch was cancelled or replaced. */
  active(): boolean;
  /** True while the window that shows the job is open: it reads the job itself, so no poll. */
  shownElsewhere(): Promise<boolean>;
  /** A job whose JSON differs from the last one seen. */
  changed(job: WatchedJob): Promise<void>;
  finished(job: WatchedJob): Promise<void>;
  now(): number;
};

export type WatchEnd = "finished" | "gone" | "cancelled" | "out-of-time";

/**
 * Polls one job with the page's backoff (1, 2, 4, 8 s, then 8 s) until it is final or gone,
 * standing by (no poll) while a window that shows the job is still open.
 * `budgetMs` keeps the loop inside the time a browser lets one event's waitUntil run; a
 * loop that runs out of time stays on the watch list and resumes on the worker's next event.
 */
export async function runWatch(steps: WatchSteps, budgetMs: number): Promise<WatchEnd> {
  const started = steps.now();
  let polls = 0;
  let last = "";
  while (steps.active()) {
    if (steps.now() - started >= budgetMs) return "out-of-time";
    await steps.sleep(pollDelayMs(polls++));
    if (!steps.active()) break;
    if (await steps.shownElsewhere()) continue;
    const outcome = await steps.poll();
    if (outcome.kind === "gone") return "gone";
    if (outcome.kind === "retry") continue;
    const text = JSON.stringify(outcome.job);
    if (text !== last) {
      last = text;
      await steps.changed(outcome.job);
    }
    if (isFinalStatus(outcome.job.status)) {
      await steps.finished(outcome.job);
      return "finished";
    }
  }
  return "cancelled";
}

/** Reads a `GET /api/jobs/:id` answer into a poll outcome. */
export async function pollOutcome(response: Response, jobId: string): Promise<PollOutcome> {
  if (response.status === 404 || response.status === 401) return { kind: "gone" };
  if (!response.ok) return { kind: "retry" };
  const body: unknown = await response.json().catch(() => null);
  const job = typeof body === "object" && body !== null ? (body as { job?: unknown }).job : undefined;
  if (!isWatchedJob(job) || job.id !== jobId) return { kind: "retry" };
  return { kind: "job", job };
}

function isWatchedJob(value: unknown): value is WatchedJob {
  if (typeof value !== "object" || value === null) return false;
  const { id, status } = value as Record<string, unknown>;
  return typeof id === "string" && typeof status === "string";
}

/** A window the person is looking at: then they see the page update and need no notification. */
export function someoneIsLooking(windows: ReadonlyArray<{ visibilityState: string; focused: boolean }>) {
  return windows.some((client) => client.visibilityState === "visible" && client.focused);
}
