import "server-only";
import { ECDH } from "node:crypto";
import { createTranslator } from "next-intl";
import en from "../../../messages/en.json";
import es from "../../../messages/es.json";
import tr from "../../../messages/tr.json";
import { type PushMessage, type PushSubscriptionJson, pushSubscriptionSchema } from "../../contracts/push";
import { AppError } from "../../errors";
import type { Locale } from "../../i18n/locale";
import type { Session } from "../auth";
import { getConfig } from "../config";
import { getRpc } from "../db";
import type { DbJob } from "../db/functions";
import * as sql from "../db/functions";
import { parseWith } from "../http";
import { onJobFinished } from "../jobs/finished";
import { logger } from "../log/logger";
import { type PushTarget, sendWebPush } from "../push/web-push";

/**
 * Web Push (docs/architecture.md): browsers subscribe per user, and when a job reaches
 * a final state every subscription of its owner is sent a short, localized message that the
 * service worker shows as a notification, even when the installed app is closed.
 */

const messages = { en, tr, es };

/** Subscribe and unsubscribe calls per user per hour: a browser renewing often, not a script. */
const CALLS_PER_USER_PER_HOUR = 60;
/** A message the phone cannot get within a day is not worth showing any more. */
const MESSAGE_TTL_SECONDS = 24 * 3600;
const EXCERPT_CHARACTERS = 80;

/**
 * The push services of the browsers that support Web Push (Chromium: FCM, Safari: Apple, Firefox:
 * Mozilla, Edge: WNS). Subscriptions elsewhere are refused: the server would POST to any URL.
 */
const PUSH_SERVICE_HOSTS = [
  /^fcm\.googleapis\.com$/,
  /(^|\.)push\.apple\.com$/,
  /(^|\.)push\.services\.mozilla\.com$/,
  /(^|\.)notify\.windows\.com$/,
];
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The VAPID public key browsers subscribe with, or null when push is not configured. */
export function pushPublicKey(): string | null {
  return getConfig().push?.publicKey ?? null;
}

/** Fails with push_unavailable (503) when the server has no VAPID keys. */
export function requirePush() {
  const push = getConfig().push;
  if (!push) throw new AppError("push_unavailable");
  return push;
}

function acceptsEndpoint(endpoint: string): boolean {
  const url = new URL(endpoint);
  if (getConfig().pushLocalEndpoints && LOCAL_HOSTS.has(url.hostname)) return true;
  return url.protocol === "https:" && PUSH_SERVICE_HOSTS.some((host) => host.test(url.hostname));
}

function isCurvePoint(key: string): boolean {
  try {
    ECDH.convertKey(Buffer.from(key, "base64url"), "prime256v1");
    return true;
  } catch {
    return false;
  }
}

async function countCall(session: Session): Promise<void> {
  await sql.checkRateLimit(await getRpc(), {
    bucket: `push:user:${session.userId}`,
    limit: CALLS_PER_USER_PER_HOUR,
    windowSeconds: 3600,
  });
}

/** Saves the browser's subscription for the session's user (the same endpoint moves to them). */
export async function subscribe(session: Session, body: PushSubscriptionJson): Promise<void> {
  const input = parseWith(pushSubscriptionSchema, body);
  if (!acceptsEndpoint(input.endpoint)) throw new AppError("validation_failed", { field: "endpoint" });
  if (!isCurvePoint(input.keys.p256dh)) throw new AppError("validation_failed", { field: "keys.p256dh" });
  // Bad input is a 400 on every server; only a valid subscription learns that push is off.
  requirePush();
  await countCall(session);
  await sql.savePushSubscription(await getRpc(), {
    userId: session.userId,
    endpoint: input.endpoint,
    p256dh: input.keys.p256dh,
    auth: input.keys.auth,
    expiresAt: input.expirationTime == null ? null : new Date(input.expirationTime).toISOString(),
  });
}

/** Removes the session's user's subscription for the endpoint; another user's stays. */
export async function unsubscribe(session: Session, endpoint: string): Promise<void> {
  await countCall(session);
  await sql.deletePushSubscription(await getRpc(), { userId: session.userId, endpoint });
}

/** The notification for a finished job, in the owner's language. */
export function jobFinishedMessage(job: DbJob, locale: Locale): PushMessage {
  const t = createTranslator({ locale, messages: messages[locale], namespace: "push" });
  const status = job.status === "completed" ? "completed" : "failed";
  const title =
    status === "completed" ? t("readyTitle") : job.refunded ? t("failedRefundedTitle") : t("failedTitle");
  return {
    type: "job-finished",
    jobId: job.id,
    status,
    title,
    body: excerpt(job.prompt),
    url: `/jobs/${job.id}`,
  };
}

/** The prompt's first words, cut at a word boundary. */
function excerpt(prompt: string): string {
  const text = prompt.replace(/\s+/g, " ").trim();
  if (text.length <= EXCERPT_CHARACTERS) return text;
  const cut = text.slice(0, EXCERPT_CHARACTERS);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > EXCERPT_CHARACTERS / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/** From now on every finished job is announced (lib/server/startup.ts calls this at start). */
export function announceFinishedJobs(): void {
  onJobFinished("push", announceJobFinished);
}

/**
 * Tells every browser of the job's owner that the job is completed or failed. Never throws: a
 * push that fails is logged, and a subscription the push service no longer knows is forgotten.
 */
export async function announceJobFinished(job: DbJob): Promise<void> {
  const push = getConfig().push;
  if (!push || (job.status !== "completed" && job.status !== "failed")) return;
  try {
    const rpc = await getRpc();
    const { language, subscriptions } = await sql.listPushSubscriptions(rpc, { userId: job.userId });
    const payload = JSON.stringify(jobFinishedMessage(job, language));
    await Promise.all(subscriptions.map((target) => deliver(target, payload, job.id)));
  } catch (error) {
    logger().warn({ jobId: job.id, err: error }, "could not announce a finished job");
  }
}

async function deliver(target: PushTarget, payload: string, jobId: string): Promise<void> {
  const push = requirePush();
  try {
    const { status } = await sendWebPush(target, payload, push, {
      ttlSeconds: MESSAGE_TTL_SECONDS,
      urgency: "normal",
      topic: jobId.replaceAll("-", ""),
    });
    if (status === 404 || status === 410) {
      await sql.forgetPushSubscription(await getRpc(), { endpoint: target.endpoint });
    } else if (status < 200 || status >= 300) {
      logger().warn({ jobId, status, host: new URL(target.endpoint).host }, "push service refused a message");
    }
  } catch (error) {
    logger().warn({ jobId, host: new URL(target.endpoint).host, err: error }, "push failed");
  }
}
