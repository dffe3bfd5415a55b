/**
 * What the pages and the service worker say to each other, and the Web Push payload the server
 * sends (see lib/sw/job-watch.ts, lib/sw/push.ts, components/pwa/worker-messages.tsx).
 *
 * Checked by hand rather than with zod: the worker bundle imports this file and stays small
 * without zod. The page checks a forwarded job with lib/api/answers.ts.
 */

/**
 * The worker's job caches: the latest `GET /api/jobs/:id` answers (keyed by that URL) and the
 * jobs being watched. Both hold the signed-in person's data (clear them on sign-out).
 */
export const JOB_CACHES = { jobs: "rendio-jobs", watches: "rendio-job-watches" } as const;

/**
 * Set by the worker on an API answer it took from its cache instead of the network (offline, or
 * the network too slow). The page shows it, then asks again until the network answers.
 */
export const SAVED_COPY_HEADER = "x-rendio-saved-copy";

export type NotificationText = { title: string; body: string };

/**
 * Page → worker: watch this job in flight and say when it ends (texts localized). `shownHere`:
 * the sending window shows the job and reads it itself, so the worker stands by until that window
 * has gone (closed, or killed without a word) or says it is hidden.
 */
export type WatchJobMessage = {
  type: "watch-job";
  jobId: string;
  shownHere: boolean;
  notification: { completed: NotificationText; failed: NotificationText };
};

/** Page → worker: the job ended on screen; nothing to watch or announce. */
export type UnwatchJobMessage = { type: "unwatch-job"; jobId: string };

export type PageToWorkerMessage = WatchJobMessage | UnwatchJobMessage;

/** Worker → pages: the job as `GET /api/jobs/:id` returned it (`{ job }`'s `job`). */
export type JobUpdateMessage = { type: "job-update"; job: unknown };

/** Worker → pages: a push said this job finished; read it again. */
export type JobHintMessage = { type: "job-hint"; jobId: string; status: "completed" | "failed" };

export type WorkerToPageMessage = JobUpdateMessage | JobHintMessage;

/** The push payload (server → push service → worker), already localized by the server. */
export type JobFinishedPush = {
  type: "job-finished";
  jobId: string;
  status: "completed" | "failed";
  title: string;
  body: string;
  url: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_TEXT = 500;

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === "string" && value.trim().length > 0 && value.length <= MAX_TEXT;
}

export function isJobId(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

function isFinished(value: unknown): value is "completed" | "failed" {
  return value === "completed" || value === "failed";
}

function notificationText(value: unknown): NotificationText | null {
  if (!isObject(value) || !isText(value.title) || !isText(value.body)) return null;
  return { title: value.title, body: value.body };
}

/** An in-app path (`/jobs/…`), never another origin or a protocol-relative `//host`. */
export function isAppPath(value: unknown): value is string {
  return typeof value === "string" && /^\/(?![/\\])/.test(value) && value.length <= 300;
}

export function parsePageMessage(data: unknown): PageToWorkerMessage | null {
  if (!isObject(data) || !isJobId(data.jobId)) return null;
  if (data.type === "unwatch-job") return { type: "unwatch-job", jobId: data.jobId };
  if (data.type !== "watch-job" || !isObject(data.notification)) return null;
  const completed = notificationText(data.notification.completed);
  const failed = notificationText(data.notification.failed);
  if (!completed || !failed) return null;
  return {
    type: "watch-job",
    jobId: data.jobId,
    shownHere: data.shownHere === true,
    notification: { completed, failed },
  };
}

export function parseWorkerMessage(data: unknown): WorkerToPageMessage | null {
  if (!isObject(data)) return null;
  if (data.type === "job-update" && isObject(data.job)) return { type: "job-update", job: data.job };
  if (data.type === "job-hint" && isJobId(data.jobId) && isFinished(data.status))
    return { type: "job-hint", jobId: data.jobId, status: data.status };
  return null;
}

export function parseJobFinishedPush(data: unknown): JobFinishedPush | null {
  if (!isObject(data) || data.type !== "job-finished") return null;
  const { jobId, status, title, body, url } = data;
  if (!isJobId(jobId) || !isFinished(status) || !isText(title) || !isText(body) || !isAppPath(url))
    return null;
  return { type: "job-finished", jobId, status, title, body, url };
}

/** The notification tag of a job: a local notification and a push for one job replace each other. */
export const jobNotificationTag = (jobId: string) => `job-${jobId}`;

export const jobApiPath = (jobId: string) => `/api/jobs/${jobId}`;
export const jobPagePath = (jobId: string) => `/jobs/${jobId}`;

/** The job id of a `GET /api/jobs/:id` path, or null for any other path. */
export function jobIdFromApiPath(pathname: string): string | null {
  const match = /^\/api\/jobs\/([^/]+)$/.exec(pathname);
  return match?.[1] && isJobId(match[1]) ? match[1] : null;
}
