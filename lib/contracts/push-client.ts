import { z } from "zod";

/**
 * The Web Push routes as the browser sees them (issue #5): GET /api/push/key,
 * POST and DELETE /api/push/subscriptions. The server validates the request bodies itself.
 */

/** `publicKey` is null when push is not configured on this server. */
export const pushKeyResponseSchema = z.object({ publicKey: z.string().min(1).nullable() });

export const pushSubscribedResponseSchema = z.object({ subscribed: z.boolean() });

/** `PushSubscription.toJSON()`, the body of POST /api/push/subscriptions. */
export type PushSubscriptionBody = {
  endpoint?: string;
  expirationTime?: number | null;
  keys?: Record<string, string>;
};
