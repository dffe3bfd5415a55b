import "server-only";
import webpush from "web-push";

/**
 * The Web Push adapter: the web-push library encrypts the message (RFC 8291, aes128gcm) and signs
 * the VAPID header (RFC 8292); fetch delivers it, without following redirects and with a timeout,
 * so a slow or hostile endpoint can neither hang the caller nor send the request elsewhere.
 */

export type PushTarget = { endpoint: string; p256dh: string; auth: string };
export type Vapid = { publicKey: string; privateKey: string; subject: string };
export type PushOptions = {
  ttlSeconds: number;
  urgency: "very-low" | "low" | "normal" | "high";
  /** A later message with the same topic replaces an undelivered one (at most 32 base64url characters). */
  topic?: string;
};

const TIMEOUT_MS = 10_000;

/** Sends one message; resolves with the push service's status, rejects on a network failure. */
export async function sendWebPush(
  target: PushTarget,
  payload: string,
  vapid: Vapid,
  options: PushOptions,
): Promise<{ status: number }> {
  const request = webpush.generateRequestDetails(
    { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
    payload,
    {
      vapidDetails: vapid,
      TTL: options.ttlSeconds,
      urgency: options.urgency,
      topic: options.topic,
      contentEncoding: "aes128gcm",
    },
  );
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    // fetch counts the body itself
    if (name.toLowerCase() !== "content-length") headers.set(name, String(value));
  }
  const response = await fetch(request.endpoint, {
    method: request.method,
    headers,
    body: new Uint8Array(request.body),
    redirect: "manual",
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await response.body?.cancel();
  return { status: response.status };
}
