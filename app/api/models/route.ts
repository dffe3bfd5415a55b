import { isLocale } from "@/lib/i18n/locale";
import { json } from "@/lib/server/http";
import { withRequest } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { getCatalog } from "@/lib/server/services/catalog";

export const dynamic = "force-dynamic";

/** The catalog; `?locale=` (else the request's language) picks the descriptions' language. */
export function GET(request: Request): Promise<Response> {
  return withRequest(request, async ({ locale }) => {
    const asked = new URL(request.url).searchParams.get("locale");
    const catalog = await getCatalog(isLocale(asked) ? asked : locale);
    return json(catalog, {
      headers: {
        "cache-control": "public, max-age=60, stale-while-revalidate=86400",
        vary: "Accept-Language, Cookie",
      },
    });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
