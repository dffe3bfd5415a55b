import { checkoutRequestSchema } from "@/lib/contracts/account";
import { AppError } from "@/lib/errors";
import { idempotencyKey, json, readJson } from "@/lib/server/http";
import { publicOrigin } from "@/lib/server/public-origin";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { startCheckout } from "@/lib/server/services/credits";

export const dynamic = "force-dynamic";

/**
 * Buys a credit pack: 200 { url } of Stripe Checkout, or, without Stripe, a test purchase granted
 * at once: 200 { credits, test: true }. Guests: 403. The Idempotency-Key (UUID) is optional with
 * Stripe and required for a test purchase.
 */
export const POST = route({ session: "required", mutation: true }, async ({ request, locale, session }) => {
  const key = request.headers.has("idempotency-key") ? idempotencyKey(request) : null;
  const body = await readJson(request, checkoutRequestSchema);
  const result = await startCheckout(session, {
    productId: body.productId,
    idempotencyKey: key,
    origin: checkoutOrigin(request),
    locale,
  });
  return json(result);
});

/** Where the browser reached us, for Stripe's return links (public-origin.ts). */
function checkoutOrigin(request: Request): string {
  const origin = publicOrigin(request);
  if (origin === null) throw new AppError("validation_failed", { field: "host" });
  return origin;
}

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
