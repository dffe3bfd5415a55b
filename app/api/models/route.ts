import { catalogHeaders, catalogLocale } from "@/lib/server/catalog-http";
import { cachedJson } from "@/lib/server/http-cache";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { getCatalogDocument } from "@/lib/server/services/catalog";

export const dynamic = "force-dynamic";

/**
 * The catalog; `?locale=` (else the request's language) picks the descriptions' language.
 * scripts/serve.mjs answers GET and HEAD from memory before Next (lib/server/catalog-http.ts);
 * this handler answers what it leaves to Next.
 */
export const GET = route({}, async ({ request, locale }) => {
  const asked = new URL(request.url).searchParams.get("locale");
  return cachedJson(request, await getCatalogDocument(catalogLocale(asked, locale)), catalogHeaders);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
