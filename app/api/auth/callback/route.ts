import { safeNextPath } from "@/lib/contracts/auth";
import { isAppError } from "@/lib/errors";
import { clientAddress } from "@/lib/server/http";
import { withRequest } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { finishProviderSignIn } from "@/lib/server/services/auth";

export const dynamic = "force-dynamic";

/** Where the provider (Apple via Supabase Auth) returns: finish the sign-in, then go to `next`. */
export function GET(request: Request): Promise<Response> {
  return withRequest(request, async ({ jar, locale }) => {
    const search = new URL(request.url).searchParams;
    const next = safeNextPath(search.get("next"));
    const code = search.get("code");
    let location = next;
    try {
      if (!code || code.length > 512) throw new Error("no code");
      await finishProviderSignIn(jar, { code, locale, address: clientAddress(request) });
    } catch (error) {
      if (!isAppError(error) && code) console.error("[rendio] provider sign-in failed", error);
      const reason = isAppError(error) ? error.code : "validation_failed";
      location = `/sign-in?next=${encodeURIComponent(next)}&error=${reason}`;
    }
    return new Response(null, {
      status: 303,
      headers: { location: new URL(location, request.url).toString(), "cache-control": "no-store" },
    });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
