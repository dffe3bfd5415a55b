/// <reference lib="webworker" />
import { ExpirationPlugin } from "workbox-expiration";
import { registerRoute } from "workbox-routing";
import { NetworkFirst } from "workbox-strategies";
import {
  isJobId,
  JOB_CACHES,
  jobApiPath,
  jobIdFromApiPath,
  jobNotificationTag,
  jobPagePath,
  type NotificationText,
  parsePageMessage,
  type WatchJobMessage,
  type WorkerToPageMessage,
} from "../contracts/worker-messages";
import { pollOutcome, runWatch, someoneIsLooking, type WatchedJob } from "./watch-loop";

/**
 * Background job watching (issue #5 item 3): a result page with a job in flight sends
 * `watch-job` as it shows the job (`shownHere`) and again when it is hidden or closed. While the
 * showing window is open the worker stands by (the page polls); once it is hidden, closed or
 * killed, the worker polls `GET /api/jobs/:id` with the page's backoff, posts every change to all
 * open windows as `job-update`, keeps the latest answer in JOBS_CACHE (so a page opened offline
 * reads it) and, when the job ends and nobody is looking, shows a notification. Recording the
 * job while it is on screen means a page that dies without a word still gets its job announced.
 */

const JOBS_CACHE = JOB_CACHES.jobs;
/** The watch messages, so a restarted worker picks its jobs up again. */
const WATCHES_CACHE = JOB_CACHES.watches;

/** Chromium ends an event whose waitUntil runs past 5 minutes; stop a little before. */
const WATCH_BUDGET_MS = 4.5 * 60_000;
export const NOTIFICATION_ICON = "/icons/icon-192.png";

const jobsStrategy = new NetworkFirst({
  cacheName: JOBS_CACHE,
  plugins: [
    new ExpirationPlugin({ maxEntries: 50, maxAgeSeconds: 7 * 24 * 60 * 60, purgeOnQuotaError: true }),
  ],
});

/** `shownBy`: the id of the window that shows the job and reads it itself, while it does. */
type Watch = { token: symbol; notification: WatchJobMessage["notification"]; shownBy: string | undefined };

let sw: ServiceWorkerGlobalScope;
const watches = new Map<string, Watch>();
let resumed = false;

export function installJobWatching(scope: ServiceWorkerGlobalScope): void {
  sw = scope;
  // GET /api/jobs/:id from a page: the network, else the last answer the worker or a page saw.
  registerRoute(
    ({ url, sameOrigin }) => sameOrigin && jobIdFromApiPath(url.pathname) !== null,
    jobsStrategy,
    "GET",
  );

  sw.addEventListener("message", (event) => {
    resume(event);
    const message = parsePageMessage(event.data);
    if (message?.type === "watch-job") event.waitUntil(watch(message, event));
    else if (message?.type === "unwatch-job") event.waitUntil(unwatch(message.jobId));
  });

  sw.addEventListener("activate", resume);
  sw.addEventListener("fetch", resume);
}

/** A worker stopped mid-watch resumes on whatever wakes it next. */
function resume(event: ExtendableEvent): void {
  if (resumed) return;
  resumed = true;
  event.waitUntil(resumeWatches(event));
}

/** Starts one loop per job; a second message for the same job only refreshes its texts. */
async function watch(message: WatchJobMessage, event: ExtendableEvent): Promise<void> {
  const running = watches.get(message.jobId);
  const shownBy = showingWindow(message, event);
  if (running) {
    running.notification = message.notification;
    running.shownBy = shownBy;
    await remember(message);
    return;
  }
  // Registered before the first await, so a resume running meanwhile cannot start a second loop.
  const token = Symbol(message.jobId);
  watches.set(message.jobId, { token, notification: message.notification, shownBy });
  await remember(message);
  await loop(message.jobId, token, event);
}

/** The window that says it shows the job; a resumed watch has no sender, so it polls. */
function showingWindow(message: WatchJobMessage, event: ExtendableEvent): string | undefined {
  if (!message.shownHere || !(event instanceof ExtendableMessageEvent)) return undefined;
  const source = event.source;
  return source && "id" in source ? source.id : undefined;
}

/** True while the window showing the job is still open (closed or killed, it is gone). */
async function shownElsewhere(jobId: string): Promise<boolean> {
  const shownBy = watches.get(jobId)?.shownBy;
  return shownBy !== undefined && (await sw.clients.get(shownBy)) !== undefined;
}

async function unwatch(jobId: string): Promise<void> {
  watches.delete(jobId);
  await forget(jobId);
}

async function loop(jobId: string, token: symbol, event: ExtendableEvent): Promise<void> {
  const end = await runWatch(
    {
      poll: () => pollJob(jobId, event),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      active: () => watches.get(jobId)?.token === token,
      shownElsewhere: () => shownElsewhere(jobId),
      changed: (job) => tellWindows({ type: "job-update", job }),
      finished: (job) => notifyFinished(job, watches.get(jobId)?.notification),
      now: Date.now,
    },
    WATCH_BUDGET_MS,
  );
  if (watches.get(jobId)?.token === token) watches.delete(jobId);
  if (end === "finished" || end === "gone") await forget(jobId);
  if (end === "gone") await (await caches.open(JOBS_CACHE)).delete(jobApiPath(jobId));
}

/** One read of the job through the cache strategy, which also stores a 200 answer. */
function pollJob(jobId: string, event: ExtendableEvent) {
  const request = new Request(jobApiPath(jobId), { headers: { accept: "application/json" } });
  return jobsStrategy
    .handle({ event, request })
    .then((response) => pollOutcome(response, jobId))
    .catch(() => ({ kind: "retry" }) as const);
}

/**
 * Reads a job once, now (a push said it finished): stores and posts the answer and ends any
 * watch of it, whose own notification would only repeat the push's.
 */
export async function refreshJob(jobId: string, event: ExtendableEvent): Promise<void> {
  watches.delete(jobId);
  await forget(jobId);
  const outcome = await pollJob(jobId, event);
  if (outcome.kind === "job") await tellWindows({ type: "job-update", job: outcome.job });
}

export async function tellWindows(message: WorkerToPageMessage): Promise<void> {
  const windows = await sw.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const client of windows) client.postMessage(message);
}

/** True when notifications are allowed and no window of the app is visible and focused. */
export async function shouldNotify(): Promise<boolean> {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return false;
  const windows = await sw.clients.matchAll({ type: "window", includeUncontrolled: true });
  return !someoneIsLooking(windows);
}

export function showJobNotification(jobId: string, text: NotificationText, url = jobPagePath(jobId)) {
  return sw.registration.showNotification(text.title, {
    body: text.body,
    tag: jobNotificationTag(jobId),
    icon: NOTIFICATION_ICON,
    data: { url },
  });
}

async function notifyFinished(job: WatchedJob, texts: Watch["notification"] | undefined) {
  if (!texts || !(await shouldNotify())) return;
  await showJobNotification(job.id, job.status === "completed" ? texts.completed : texts.failed);
}

const watchKey = (jobId: string) => `/__rendio/watch/${jobId}`;

async function remember(message: WatchJobMessage): Promise<void> {
  const cache = await caches.open(WATCHES_CACHE);
  await cache.put(watchKey(message.jobId), new Response(JSON.stringify(message)));
}

async function forget(jobId: string): Promise<void> {
  await (await caches.open(WATCHES_CACHE)).delete(watchKey(jobId));
}

async function resumeWatches(event: ExtendableEvent): Promise<void> {
  const cache = await caches.open(WATCHES_CACHE);
  const loops: Promise<void>[] = [];
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    const message = parsePageMessage(await response?.json().catch(() => null));
    if (message?.type === "watch-job" && isJobId(message.jobId) && !watches.has(message.jobId))
      // Whoever woke the worker is not the window that showed this job: poll it.
      loops.push(watch({ ...message, shownHere: false }, event));
    else if (!message) await cache.delete(request);
  }
  await Promise.all(loops);
}
