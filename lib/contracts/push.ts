import { z } from "zod";

/**
 * Web Push bodies (docs/api.md "Push"), shared by the server and the browser. The subscription is what
 * PushSubscription.toJSON() gives; keys are base64url, padded or not, and come out unpadded.
 */

export const pushKeyResponseSchema = z.object({ publicKey: z.string().nullable() });
export type PushKeyResponse = z.infer<typeof pushKeyResponseSchema>;

function base64urlBytes(value: string): Uint8Array | null {
  const bare = value.replace(/={1,2}$/, "");
  if (!/^[A-Za-z0-9_-]*$/.test(bare) || bare.length % 4 === 1) return null;
  const padded = bare.replaceAll("-", "+").replaceAll("_", "/") + "=".repeat((4 - (bare.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

/** A base64url key of `length` bytes that passes `check`, normalised to unpadded base64url. */
const base64urlKey = (length: number, message: string, check: (bytes: Uint8Array) => boolean = () => true) =>
  z
    .string()
    .max(200)
    .refine((value) => {
      const bytes = base64urlBytes(value);
      return bytes !== null && bytes.length === length && check(bytes);
    }, message)
    .transform((value) => value.replace(/=+$/, ""));

export const pushSubscriptionSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(2048),
  expirationTime: z.number().nonnegative().max(8.64e15).nullable().optional(),
  keys: z.object({
    p256dh: base64urlKey(65, "must be an uncompressed P-256 public key", (bytes) => bytes[0] === 4),
    auth: base64urlKey(16, "must be a 16-byte secret"),
  }),
});
export type PushSubscriptionJson = z.input<typeof pushSubscriptionSchema>;

export const pushUnsubscribeSchema = z.object({ endpoint: z.string().min(1).max(2048) });

export const pushSubscribedResponseSchema = z.object({ subscribed: z.boolean() });

/** What the service worker's push event receives (JSON, UTF-8). */
export const pushMessageSchema = z.object({
  type: z.literal("job-finished"),
  jobId: z.uuid(),
  status: z.enum(["completed", "failed"]),
  title: z.string(),
  body: z.string(),
  url: z.string(),
});
export type PushMessage = z.infer<typeof pushMessageSchema>;
