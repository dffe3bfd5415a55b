import "server-only";
import Stripe from "stripe";
import { getConfig } from "../config";

/**
 * The Stripe client (server only), or undefined when payments are not configured. Tests point it
 * at a local server that speaks Stripe's wire format with `setStripeApiAddress`.
 */

type ApiAddress = { host: string; port: number; protocol: "http" | "https" };

let address: ApiAddress | undefined;
let cached: { key: string; address: ApiAddress | undefined; client: Stripe } | undefined;

export function getStripe(): Stripe | undefined {
  const stripe = getConfig().stripe;
  if (!stripe) return undefined;
  if (cached?.key !== stripe.secretKey || cached.address !== address) {
    const client = new Stripe(stripe.secretKey, {
      maxNetworkRetries: 2,
      timeout: 15_000,
      appInfo: { name: "rendio-web" },
      ...(address ?? {}),
    });
    cached = { key: stripe.secretKey, address, client };
  }
  return cached.client;
}

/** Sends Stripe API calls to another address (tests only). */
export function setStripeApiAddress(next: ApiAddress | undefined): void {
  address = next;
}

/** The signing secret of the webhook endpoint. */
export function stripeWebhookSecret(): string | undefined {
  return getConfig().stripe?.webhookSecret;
}
