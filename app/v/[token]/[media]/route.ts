import { AppError } from "@/lib/errors";
import { handle } from "@/lib/server/http";
import { publicOrigin } from "@/lib/server/public-origin";
import { otherMethods } from "@/lib/server/route-methods";
import { sharedMediaUrl } from "@/lib/server/services/share";

/**
 * /v/<token>/video and /v/<token>/poster: a shared page's files at addresses that last as long
 * as the page (its card tags point here), each a redirect to a link signed at the moment.
 */

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string; media: string }> };

export function GET(request: Request, { params }: Context): Promise<Response> {
  return handle(async () => {
    const { token, media } = await params;
    const url = await sharedMediaUrl(token, media);
    if (!url) throw new AppError("not_found");
    // Embedded mode signs links as paths on this server.
    const origin = publicOrigin(request) ?? new URL(request.url).origin;
    return new Response(null, {
      status: 302,
      headers: { location: new URL(url, origin).toString(), "cache-control": "no-store" },
    });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
