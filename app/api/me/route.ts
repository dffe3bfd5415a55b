import { updateSettingsRequestSchema } from "@/lib/contracts/account";
import { json, readJson } from "@/lib/server/http";
import { withRequest } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { deleteAccount, updateSettings } from "@/lib/server/services/account";
import { getMe } from "@/lib/server/services/session";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return withRequest(request, async ({ jar }) => json(await getMe(jar)));
}

/** Saves language and/or theme: 200 Me. The language also goes to the locale cookie for the next render. */
export function PATCH(request: Request): Promise<Response> {
  return withRequest(
    request,
    async ({ jar }) => {
      const body = await readJson(request, updateSettingsRequestSchema);
      return json(await updateSettings(jar, body));
    },
    { mutation: true },
  );
}

/** Deletes the account with its jobs, media and ledger, and ends the session: 204. */
export function DELETE(request: Request): Promise<Response> {
  return withRequest(
    request,
    async ({ jar }) => {
      await deleteAccount(jar);
      return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
    },
    { mutation: true },
  );
}

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
