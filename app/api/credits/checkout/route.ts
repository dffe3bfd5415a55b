import { checkoutRequestSchema } from "@/lib/contracts/account";
import { AppError } from "@/lib/errors";
import { idempotencyKey, json, readJson } from "@/lib/server/http";
import { withRequest } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { startCheckout } from "@/lib/server/services/credits";
import { requireSession } from "@/lib/server/services/session";

export const dynamic = "force-dynamic";

/**
 * Buys a credit pack: 200 { url } of Stripe Checkout, or, without Stripe, a test purchase granted
 * at once: 200 { credits, test: true }. Guests: 403. The Idempotency-Key (UUID) is optional with
 * Stripe and required for a test purchase.
 */
export function POST(request: Request): Promise<Response> {
  return withRequest(
    request,
    async ({ jar, locale }) => {
      const session = await requireSession(jar);
      const key = request.headers.has("idempotency-key") ? idempotencyKey(request) : null;
      const body = await readJson(request, checkoutRequestSchema);
      const result = await startCheckout(session, {
        productId: body.productId,
        idempotencyKey: key,
        origin: publicOrigin(request),
        locale,
      });
      return json(result);
    },
    { mutation: true },
  );
}

/** Where the browser reached us (behind a proxy, the forwarded host and protocol). */
function publicOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  const protocol = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host) || !/^https?$/.test(protocol)) {
    throw new AppError("validation_failed", { field: "host" });
  }
  return `${protocol}://${host}`;
}

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
