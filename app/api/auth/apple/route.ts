import { safeNextPath } from "@/lib/contracts/auth";
import { readLimited } from "@/lib/server/http";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { startAppleSignIn } from "@/lib/server/services/auth";

export const dynamic = "force-dynamic";

/** The sign-in page's Apple button (a form post): 303 to Apple through Supabase Auth, or 404. */
export const POST = route({ mutation: true }, async ({ request, auth }) => {
  const form = new URLSearchParams(new TextDecoder().decode(await readLimited(request, 4096)));
  const callback = new URL("/api/auth/callback", request.url);
  callback.searchParams.set("next", safeNextPath(form.get("next")));
  const url = await startAppleSignIn(auth, callback.toString());
  return new Response(null, { status: 303, headers: { location: url, "cache-control": "no-store" } });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
