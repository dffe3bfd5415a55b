import { pushApi } from "@/lib/api/endpoints";
import { applicationServerKey } from "@/lib/push-key";

/**
 * Notification permission and the Web Push subscription, from the page. Permission is only
 * ever asked from a button (a user gesture): iOS allows it nowhere else, and never on load.
 */

export type NotifyState = "unsupported" | NotificationPermission;

/** "unsupported" in a browser tab on iOS (no Notification there) or without service workers. */
export function notificationState(): NotifyState {
  if (typeof Notification === "undefined" || !("serviceWorker" in navigator)) return "unsupported";
  return Notification.permission;
}

const DISMISSED_KEY = "rendio.notify.dismissed";

export function wasDismissed(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === "1";
  } catch {
    return false;
  }
}

export function rememberDismissed(): void {
  try {
    localStorage.setItem(DISMISSED_KEY, "1");
  } catch {
    // Private mode without storage: the card just comes back next time.
  }
}

/** Asks for permission (call it from a click) and, once granted, subscribes to push. */
export async function enableNotifications(): Promise<NotificationPermission> {
  const permission = await Notification.requestPermission();
  // Push is a bonus: without it the worker still notifies while it watches the job.
  if (permission === "granted") await subscribeToPush().catch(() => false);
  return permission;
}

/**
 * Subscribes this browser to Web Push and tells the server. False when push is not possible
 * here: no PushManager (e.g. an iOS tab), no active worker, or push not configured.
 */
export async function subscribeToPush(): Promise<boolean> {
  if (!("PushManager" in window)) return false;
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration?.active) return false;
  const { publicKey } = await pushApi.key();
  if (!publicKey) return false;
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: applicationServerKey(publicKey),
    }));
  await pushApi.subscribe(subscription.toJSON());
  return true;
}

/**
 * Stops Web Push on this browser and tells the server. Called before signing out or deleting the
 * account: the server's DELETE needs the session, and the next person here must not get the
 * previous one's notifications.
 */
export async function unsubscribeFromPush(): Promise<void> {
  if (!("serviceWorker" in navigator) || !("PushManager" in window)) return;
  const registration = await navigator.serviceWorker.getRegistration();
  const subscription = await registration?.pushManager.getSubscription();
  if (!subscription) return;
  await pushApi.unsubscribe(subscription.endpoint).catch(() => undefined);
  await subscription.unsubscribe();
}
