import { guestRequestSchema } from "@/lib/contracts/auth";
import { clientAddress, json, readOptionalJson } from "@/lib/server/http";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { startGuestSession } from "@/lib/server/services/session";

export const dynamic = "force-dynamic";

/**
 * Makes the visitor a guest with the welcome credits (201), or returns the existing user (200).
 * The optional body `{ captchaToken }` carries the Turnstile token a new guest needs when it is on.
 */
export const POST = route({ mutation: true }, async ({ request, locale, auth }) => {
  const { captchaToken } = await readOptionalJson(request, guestRequestSchema);
  const { user, created } = await startGuestSession(auth, {
    locale,
    address: clientAddress(request),
    captchaToken,
  });
  return json({ user }, { status: created ? 201 : 200 });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
