import { safeNextPath } from "@/lib/contracts/auth";
import { isAppError } from "@/lib/errors";
import { clientAddress } from "@/lib/server/http";
import { reportError } from "@/lib/server/log/report";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { finishProviderSignIn, startAppleSignIn } from "@/lib/server/services/auth";

export const dynamic = "force-dynamic";

/** Supabase Auth's refusals of linking Apple to a guest whose Apple identity has an account. */
const ACCOUNT_EXISTS = new Set(["identity_already_exists", "email_exists"]);
/** Marks the callback of the plain sign-in started after such a refusal: it is not retried. */
const RETRIED = "retried";
/** Where @supabase/ssr puts the id of the PKCE flow a callback ends (auth-js PKCE_FLOW_ID_PARAM). */
const FLOW_ID = "sb_flow_id";

/**
 * Where the provider (Apple via Supabase Auth) returns: finish the sign-in, then go to `next`.
 * A guest whose Apple identity already has an account comes back refused; it then signs in to
 * that account with Apple (keeping its guest session, which the sign-in merges), once.
 */
export const GET = route({}, async ({ request, locale, auth, setLocale }) => {
  const search = new URL(request.url).searchParams;
  const next = safeNextPath(search.get("next"));
  const code = search.get("code");
  let location = next;
  try {
    if (ACCOUNT_EXISTS.has(search.get("error_code") ?? "") && !search.has(RETRIED)) {
      const callback = new URL("/api/auth/callback", request.url);
      callback.searchParams.set("next", next);
      callback.searchParams.set(RETRIED, "1");
      location = await startAppleSignIn(auth, callback.toString(), { link: false });
    } else {
      if (!code || code.length > 512) throw new Error("no code");
      const flowId = search.get(FLOW_ID);
      const user = await finishProviderSignIn(auth, {
        code,
        flowId,
        locale,
        address: clientAddress(request),
      });
      setLocale(user.language); // the interface speaks the account's language
    }
  } catch (error) {
    if (!isAppError(error) && code) reportError(error, "provider sign-in failed");
    const reason = isAppError(error) ? error.code : "validation_failed";
    location = `/sign-in?next=${encodeURIComponent(next)}&error=${reason}`;
  }
  return new Response(null, {
    status: 303,
    headers: { location: new URL(location, request.url).toString(), "cache-control": "no-store" },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
