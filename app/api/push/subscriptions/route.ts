import { pushSubscriptionSchema, pushUnsubscribeSchema } from "@/lib/contracts/push";
import { json, readJson } from "@/lib/server/http";
import { withRequest } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { subscribe, unsubscribe } from "@/lib/server/services/push";
import { requireSession } from "@/lib/server/services/session";

export const dynamic = "force-dynamic";

/** Saves this browser's PushSubscription (its toJSON()) for the session's user: 201 { subscribed: true }. */
export function POST(request: Request): Promise<Response> {
  return withRequest(
    request,
    async ({ jar }) => {
      const session = await requireSession(jar);
      const body = await readJson(request, pushSubscriptionSchema);
      await subscribe(session, body);
      return json({ subscribed: true }, { status: 201 });
    },
    { mutation: true },
  );
}

/** Forgets this browser's subscription { endpoint } (only the caller's own): 200 { subscribed: false }. */
export function DELETE(request: Request): Promise<Response> {
  return withRequest(
    request,
    async ({ jar }) => {
      const session = await requireSession(jar);
      const { endpoint } = await readJson(request, pushUnsubscribeSchema);
      await unsubscribe(session, endpoint);
      return json({ subscribed: false });
    },
    { mutation: true },
  );
}

export const { GET, HEAD, PUT, PATCH, OPTIONS } = otherMethods("POST", "DELETE");
