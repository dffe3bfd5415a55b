import { isLocale } from "@/lib/i18n/locale";
import { cachedJson } from "@/lib/server/http-cache";
import { withRequest } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { getCatalogDocument } from "@/lib/server/services/catalog";
import { catalogHeaders } from "./headers";

export const dynamic = "force-dynamic";

/** The catalog; `?locale=` (else the request's language) picks the descriptions' language. */
export function GET(request: Request): Promise<Response> {
  return withRequest(request, async ({ locale }) => {
    const asked = new URL(request.url).searchParams.get("locale");
    return cachedJson(request, await getCatalogDocument(isLocale(asked) ? asked : locale), catalogHeaders);
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
