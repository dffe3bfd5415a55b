/// <reference lib="webworker" />
import { isAppPath, parseJobFinishedPush } from "../contracts/worker-messages";
import { applicationServerKey } from "../push-key";
import { refreshJob, shouldNotify, showJobNotification, tellWindows } from "./job-watch";

/**
 * Web Push (issue #5 item 3): the server's `job-finished` push becomes a notification with the
 * job's tag (so it replaces, not doubles, a notification the job watcher showed), open pages
 * hear about it, and a tap opens the job.
 */

/** Not in TypeScript's lib yet. */
type PushSubscriptionChangeEvent = ExtendableEvent & {
  readonly oldSubscription?: PushSubscription | null;
  readonly newSubscription?: PushSubscription | null;
};

export function installPushHandlers(sw: ServiceWorkerGlobalScope): void {
  sw.addEventListener("push", (event) => event.waitUntil(onPush(event)));
  sw.addEventListener("notificationclick", (event) => {
    event.notification.close();
    event.waitUntil(openApp(sw, event.notification.data?.url));
  });
  sw.addEventListener("pushsubscriptionchange", (event) =>
    (event as PushSubscriptionChangeEvent).waitUntil(resubscribe(sw, event as PushSubscriptionChangeEvent)),
  );
}

function readJson(event: PushEvent): unknown {
  try {
    return event.data?.json();
  } catch {
    return null;
  }
}

async function onPush(event: PushEvent): Promise<void> {
  const payload = parseJobFinishedPush(readJson(event));
  if (!payload) return;
  await tellWindows({ type: "job-hint", jobId: payload.jobId, status: payload.status });
  const notify = (await shouldNotify())
    ? showJobNotification(payload.jobId, payload, payload.url)
    : Promise.resolve();
  // The job's latest state for open pages and for a page opened offline later.
  await Promise.all([notify, refreshJob(payload.jobId, event).catch(() => undefined)]);
}

/** Focuses a window of the app and shows `url` there, or opens a new one. */
async function openApp(sw: ServiceWorkerGlobalScope, url: unknown): Promise<void> {
  const path = isAppPath(url) ? url : "/";
  const target = new URL(path, sw.location.origin).href;
  const windows = await sw.clients.matchAll({ type: "window", includeUncontrolled: true });
  const client = windows.find((c) => c.url === target) ?? windows[0];
  if (client) {
    try {
      const focused = await client.focus();
      if (focused.url !== target) await focused.navigate(target);
      return;
    } catch {
      // navigate() refuses a window this worker does not control: open a fresh one instead.
    }
  }
  await sw.clients.openWindow(target);
}

/** The push service replaced the subscription: subscribe again and tell the server. */
async function resubscribe(sw: ServiceWorkerGlobalScope, event: PushSubscriptionChangeEvent): Promise<void> {
  const keyResponse = await fetch("/api/push/key", { headers: { accept: "application/json" } });
  const publicKey = keyResponse.ok ? ((await keyResponse.json()) as { publicKey?: unknown }).publicKey : null;
  if (typeof publicKey !== "string" || publicKey === "") return;
  const subscription =
    event.newSubscription ??
    (await sw.registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: applicationServerKey(publicKey),
    }));
  await sendJson("/api/push/subscriptions", "POST", subscription.toJSON());
  const old = event.oldSubscription;
  if (old && old.endpoint !== subscription.endpoint)
    await sendJson("/api/push/subscriptions", "DELETE", { endpoint: old.endpoint });
}

function sendJson(path: string, method: "POST" | "DELETE", body: unknown) {
  return fetch(path, {
    method,
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
}
