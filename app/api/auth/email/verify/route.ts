import { verifyCodeRequestSchema } from "@/lib/contracts/auth";
import { clientAddress, json, readJson } from "@/lib/server/http";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { verifySignInCode } from "@/lib/server/services/auth";

export const dynamic = "force-dynamic";

/**
 * Checks the code and signs in: 200 { user }. A guest keeps its id (or is merged into the
 * email's existing account); the session cookie and the language cookie follow the account.
 */
export const POST = route({ mutation: true }, async ({ request, locale, auth, setLocale }) => {
  const { email, code } = await readJson(request, verifyCodeRequestSchema);
  const user = await verifySignInCode(auth, { email, code, locale, address: clientAddress(request) });
  setLocale(user.language); // the interface speaks the account's language
  return json({ user });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
