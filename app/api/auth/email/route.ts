import { emailCodeRequestSchema } from "@/lib/contracts/auth";
import { clientAddress, json, readJson } from "@/lib/server/http";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { requestSignInCode } from "@/lib/server/services/auth";

export const dynamic = "force-dynamic";

/** Sends a one-time sign-in code to the email: 202 { expiresInSeconds, resendAfterSeconds }. */
export const POST = route({ mutation: true }, async ({ request, locale, auth }) => {
  const { email, captchaToken } = await readJson(request, emailCodeRequestSchema);
  const sent = await requestSignInCode(auth, {
    email,
    locale,
    address: clientAddress(request),
    captchaToken,
  });
  return json(sent, { status: 202 });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
