import "server-only";
import type Stripe from "stripe";
import { z } from "zod";
import type { CheckoutResponse, LedgerPage } from "../../contracts/account";
import type { CreditProduct } from "../../contracts/catalog";
import { AppError, isAppError } from "../../errors";
import type { Locale } from "../../i18n/locale";
import type { Session } from "../auth";
import { getRpc } from "../db";
import * as sql from "../db/functions";
import { isUuid, parseWith } from "../http";
import { logger } from "../log/logger";
import { reportError } from "../log/report";
import { getStripe, stripeWebhookSecret } from "../payments/stripe";

/** Checkout attempts per user per 10 minutes: a few changes of mind, not a card-testing loop. */
const CHECKOUTS_PER_WINDOW = 10;
const CHECKOUT_WINDOW_SECONDS = 600;

export async function listProducts(locale: Locale): Promise<CreditProduct[]> {
  const rpc = await getRpc();
  return (await sql.listCreditProducts(rpc, { locale })).products;
}

export async function listLedger(
  session: Session,
  params: { limit: number; cursor: string | null },
): Promise<LedgerPage> {
  const rpc = await getRpc();
  const page = await sql.listLedger(rpc, {
    userId: session.userId,
    limit: params.limit,
    cursor: params.cursor,
  });
  return {
    entries: page.entries.map((entry) => ({
      id: String(entry.id),
      change: entry.change,
      reason: entry.kind,
      balanceAfter: entry.balanceAfter,
      jobId: entry.jobId,
      createdAt: entry.createdAt,
    })),
    nextCursor: page.nextCursor,
  };
}

/**
 * Starts buying a credit pack. With Stripe: a Checkout Session for the user (credits come later,
 * from the verified webhook). Without: a clearly labelled test purchase granted at once through
 * the same idempotent grant, keyed by the client's Idempotency-Key so a double submit grants once.
 */
export async function startCheckout(
  session: Session,
  input: { productId: string; idempotencyKey: string | null; origin: string; locale: Locale },
): Promise<CheckoutResponse> {
  const rpc = await getRpc();
  const { user } = await sql.getMe(rpc, { userId: session.userId });
  if (user.isGuest) throw new AppError("forbidden");
  const product = (await listProducts(input.locale)).find((p) => p.id === input.productId);
  if (!product) throw new AppError("product_not_found");

  const stripe = getStripe();
  if (!stripe) {
    if (!input.idempotencyKey) throw new AppError("idempotency_key_required");
    // A repeated purchase (same key) answers before the checkout limit counts it.
    const granted = await sql.grantPurchase(rpc, {
      userId: session.userId,
      productId: product.id,
      externalRef: `test:${session.userId}:${input.idempotencyKey}`,
      limit: CHECKOUTS_PER_WINDOW,
      windowSeconds: CHECKOUT_WINDOW_SECONDS,
    });
    return { credits: granted.credits, test: true };
  }
  const key = input.idempotencyKey;
  if (key) {
    // A repeated purchase (same key) gets its Checkout page back before the limit counts it.
    const begun = await sql.beginCheckout(rpc, {
      userId: session.userId,
      idempotencyKey: key,
      productId: product.id,
      limit: CHECKOUTS_PER_WINDOW,
      windowSeconds: CHECKOUT_WINDOW_SECONDS,
    });
    if (begun.url) return { url: begun.url };
  } else {
    await sql.checkRateLimit(rpc, {
      bucket: `checkout:user:${session.userId}`,
      limit: CHECKOUTS_PER_WINDOW,
      windowSeconds: CHECKOUT_WINDOW_SECONDS,
    });
  }

  const checkout = await viaStripe(() =>
    stripe.checkout.sessions.create(
      {
        mode: "payment",
        client_reference_id: session.userId,
        customer_email: user.email ?? undefined,
        locale: input.locale,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: product.currency,
              unit_amount: product.priceCents,
              product_data: { name: `Rendio AI — ${product.credits} credits`, description: product.label },
            },
          },
        ],
        metadata: { userId: session.userId, productId: product.id },
        payment_intent_data: { metadata: { userId: session.userId, productId: product.id } },
        success_url: `${input.origin}/profile?purchase=success&session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${input.origin}/profile?buy=1&purchase=cancelled`,
      },
      key ? { idempotencyKey: `checkout:${session.userId}:${key}` } : {},
    ),
  );
  if (!checkout.url) throw new AppError("service_unavailable");
  if (key) {
    await sql.recordCheckout(rpc, {
      userId: session.userId,
      idempotencyKey: key,
      productId: product.id,
      url: checkout.url,
    });
  }
  return { url: checkout.url };
}

/** Stripe refuses signatures older than this; we also refuse ones this far in the future. */
const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The envelope every event we act on has; anything else is 400, never a crash. */
const eventEnvelope = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});
type StripeEvent = z.output<typeof eventEnvelope>;

/** A Checkout Session; one without our user and pack (another integration's) is not ours. */
const paidSession = z.object({
  id: z.string().min(1).max(255),
  payment_status: z.string(),
  client_reference_id: z.string().nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
const paymentObject = z.object({
  id: z.string().min(1).max(200),
  payment_intent: z.string().min(1).max(255).nullish(),
});

export type WebhookOutcome = { received: true; applied: boolean; duplicate: boolean };

/**
 * A Stripe webhook delivery: the signature is checked over the raw body with Stripe's own library
 * (bad or missing: 400, nothing changes). A paid Checkout Session grants its pack once (the
 * session id is the ledger's external reference, so a replayed event grants nothing); a refund or
 * dispute takes the pack back, never below a zero balance. Other event types are acknowledged.
 */
export async function handleStripeWebhook(
  rawBody: string,
  signature: string | null,
): Promise<WebhookOutcome> {
  const stripe = getStripe();
  const secret = stripeWebhookSecret();
  if (!stripe || !secret) throw new AppError("not_found");
  if (!signature) throw new AppError("validation_failed", { field: "stripe-signature" });
  if (signedInFuture(signature)) throw new AppError("validation_failed", { field: "stripe-signature" });
  let signed: unknown;
  try {
    signed = await stripe.webhooks.constructEventAsync(
      rawBody,
      signature,
      secret,
      SIGNATURE_TOLERANCE_SECONDS,
    );
  } catch {
    throw new AppError("validation_failed", { field: "stripe-signature" });
  }
  const event = parseWith(eventEnvelope, signed, "event");
  const applied = await applyEvent(stripe, event);
  const rpc = await getRpc();
  const { firstTime } = await sql.recordWebhookEvent(rpc, { provider: "stripe", eventId: event.id });
  return { received: true, applied, duplicate: !firstTime };
}

/**
 * Stripe's library checks only that a timestamp is not too OLD (its age is compared with the
 * tolerance, so a future one passes). A signature from beyond the tolerance in the future is
 * refused too: it would outlive the replay window.
 */
function signedInFuture(signature: string): boolean {
  const stamps = signature
    .split(",")
    .filter((part) => part.trim().startsWith("t="))
    .map((part) => Number(part.trim().slice(2)));
  const now = Math.floor(Date.now() / 1000);
  return stamps.some((t) => Number.isFinite(t) && t - now > SIGNATURE_TOLERANCE_SECONDS);
}

async function applyEvent(stripe: Stripe, event: StripeEvent): Promise<boolean> {
  const object = event.data.object;
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
      return grantPaidSession(parseWith(paidSession, object, "data.object"));
    case "charge.refunded": {
      const charge = parseWith(paymentObject, object, "data.object");
      return reverse(stripe, charge.payment_intent, `stripe:refund:${charge.id}`);
    }
    case "charge.dispute.created": {
      const dispute = parseWith(paymentObject, object, "data.object");
      return reverse(stripe, dispute.payment_intent, `stripe:dispute:${dispute.id}`);
    }
    default:
      return false;
  }
}

async function grantPaidSession(checkout: z.output<typeof paidSession>): Promise<boolean> {
  if (checkout.payment_status !== "paid") return false;
  const { id, client_reference_id: userId } = checkout;
  const productId = checkout.metadata?.productId;
  if (!isUuid(userId) || !isUuid(productId)) return false;
  const rpc = await getRpc();
  try {
    const result = await sql.grantPurchase(rpc, { userId, productId, externalRef: id });
    return result.granted;
  } catch (error) {
    // The account was deleted or the pack withdrawn since checkout: nothing to grant, and a retry
    // by Stripe would not change that.
    if (isAppError(error, "unauthorized", "forbidden", "product_not_found")) {
      logger().warn({ stripeSession: id, code: error.code }, "stripe checkout not granted");
      return false;
    }
    throw error;
  }
}

/** Finds our purchase (keyed by Checkout Session id) behind a payment and takes it back. */
async function reverse(
  stripe: Stripe,
  paymentIntent: string | null | undefined,
  reversalRef: string,
): Promise<boolean> {
  if (!paymentIntent) return false;
  const sessions = await viaStripe(() =>
    stripe.checkout.sessions.list({ payment_intent: paymentIntent, limit: 1 }),
  );
  const sessionId = sessions.data[0]?.id;
  if (!sessionId) return false;
  const rpc = await getRpc();
  try {
    const result = await sql.reversePurchase(rpc, { externalRef: sessionId, reversalRef });
    return result.reversed;
  } catch (error) {
    if (isAppError(error, "not_found", "unauthorized")) return false;
    throw error;
  }
}

/**
 * A call to Stripe's API: when Stripe cannot be reached or fails, the caller gets 503 (a webhook
 * delivery is then retried by Stripe), never a 500 that reads as our bug.
 */
async function viaStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    reportError(error, "Stripe API call failed");
    throw new AppError("service_unavailable");
  }
}
