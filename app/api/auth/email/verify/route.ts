import { verifyCodeRequestSchema } from "@/lib/contracts/auth";
import { clientAddress, json, readJson } from "@/lib/server/http";
import { withRequest } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { verifySignInCode } from "@/lib/server/services/auth";

export const dynamic = "force-dynamic";

/**
 * Checks the code and signs in: 200 { user }. A guest keeps its id (or is merged into the
 * email's existing account); the session cookie and the language cookie follow the account.
 */
export function POST(request: Request): Promise<Response> {
  return withRequest(
    request,
    async ({ jar, locale }) => {
      const { email, code } = await readJson(request, verifyCodeRequestSchema);
      const user = await verifySignInCode(jar, { email, code, locale, address: clientAddress(request) });
      return json({ user });
    },
    { mutation: true },
  );
}

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
