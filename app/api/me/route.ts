import { updateSettingsRequestSchema } from "@/lib/contracts/account";
import { json, readJson } from "@/lib/server/http";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { deleteAccount, updateSettings } from "@/lib/server/services/account";
import { getMe } from "@/lib/server/services/session";

export const dynamic = "force-dynamic";

export const GET = route({ session: "required" }, async ({ session }) => json(await getMe(session)));

/** Saves language and/or theme: 200 Me. The language also goes to the locale cookie for the next render. */
export const PATCH = route(
  { session: "required", mutation: true },
  async ({ request, session, setLocale }) => {
    const body = await readJson(request, updateSettingsRequestSchema);
    const user = await updateSettings(session, body);
    if (body.language) setLocale(user.language);
    return json(user);
  },
);

/** Deletes the account with its jobs, media and ledger, and ends the session: 204. */
export const DELETE = route({ session: "required", mutation: true }, async ({ session, auth }) => {
  await deleteAccount(session, auth);
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
});

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
