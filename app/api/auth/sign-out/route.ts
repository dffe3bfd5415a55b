import { signOutRequestSchema } from "@/lib/contracts/auth";
import { readJson } from "@/lib/server/http";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { signOut } from "@/lib/server/services/auth";

export const dynamic = "force-dynamic";

/**
 * Ends the session on the server (204): this device's, or every session of the person with
 * `{ "scope": "everywhere" }`. No body (or `{}`) is this device; a bad body is 400 and ends
 * nothing. The visitor is then new and may start a fresh guest.
 */
export const POST = route({ mutation: true }, async ({ request, auth }) => {
  const hasBody = request.headers.has("content-type") || Number(request.headers.get("content-length")) > 0;
  const { scope } = hasBody ? await readJson(request, signOutRequestSchema) : {};
  await signOut(auth, scope);
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
