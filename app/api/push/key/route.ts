import { json } from "@/lib/server/http";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { pushPublicKey } from "@/lib/server/services/push";

export const dynamic = "force-dynamic";

/** The VAPID public key browsers subscribe with: 200 { publicKey } (null when push is off). */
export const GET = route({}, async () => json({ publicKey: pushPublicKey() }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
