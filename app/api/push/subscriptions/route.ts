import { pushSubscriptionSchema, pushUnsubscribeSchema } from "@/lib/contracts/push";
import { json, readJson } from "@/lib/server/http";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { subscribe, unsubscribe } from "@/lib/server/services/push";

export const dynamic = "force-dynamic";

/** Saves this browser's PushSubscription (its toJSON()) for the session's user: 201 { subscribed: true }. */
export const POST = route({ session: "required", mutation: true }, async ({ request, session }) => {
  const body = await readJson(request, pushSubscriptionSchema);
  await subscribe(session, body);
  return json({ subscribed: true }, { status: 201 });
});

/** Forgets this browser's subscription { endpoint } (only the caller's own): 200 { subscribed: false }. */
export const DELETE = route({ session: "required", mutation: true }, async ({ request, session }) => {
  const { endpoint } = await readJson(request, pushUnsubscribeSchema);
  await unsubscribe(session, endpoint);
  return json({ subscribed: false });
});

export const { GET, HEAD, PUT, PATCH, OPTIONS } = otherMethods("POST", "DELETE");
