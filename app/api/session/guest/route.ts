import { clientAddress, json } from "@/lib/server/http";
import { withRequest } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { startGuestSession } from "@/lib/server/services/session";

export const dynamic = "force-dynamic";

/** Makes the visitor a guest with the welcome credits (201), or returns the existing user (200). */
export function POST(request: Request): Promise<Response> {
  return withRequest(
    request,
    async ({ jar, locale }) => {
      const { user, created } = await startGuestSession(jar, { locale, address: clientAddress(request) });
      return json({ user }, { status: created ? 201 : 200 });
    },
    { mutation: true },
  );
}

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
