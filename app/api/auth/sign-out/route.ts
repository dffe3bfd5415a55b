import { withRequest } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { signOut } from "@/lib/server/services/auth";

export const dynamic = "force-dynamic";

/** Ends the session (204); the visitor is then new and may start a fresh guest. */
export function POST(request: Request): Promise<Response> {
  return withRequest(
    request,
    async ({ jar }) => {
      await signOut(jar);
      return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
    },
    { mutation: true },
  );
}

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
