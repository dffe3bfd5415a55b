import { AppError } from "@/lib/errors";
import { json, MAX_JSON_BODY_BYTES, readLimited } from "@/lib/server/http";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { handleStripeWebhook } from "@/lib/server/services/credits";

export const dynamic = "force-dynamic";

/**
 * Stripe's webhook: the signature is verified over the raw body (so no JSON parsing before it);
 * bad or missing signature 400, every event applied at most once, unknown types acknowledged.
 * No Origin check: Stripe calls from its servers and the signature is the authentication.
 */
export const POST = route({}, async ({ request }) => {
  const bytes = await readLimited(request, MAX_JSON_BODY_BYTES * 4);
  let body: string;
  try {
    body = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("validation_failed", { field: "body" });
  }
  return json(await handleStripeWebhook(body, request.headers.get("stripe-signature")));
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
