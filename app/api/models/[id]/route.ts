import { catalogHeaders, catalogLocale } from "@/lib/server/catalog-http";
import { cachedJson } from "@/lib/server/http-cache";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { getModelDocument } from "@/lib/server/services/catalog";

export const dynamic = "force-dynamic";

/** One model (as GET /api/models, scripts/serve.mjs answers a known one before Next). */
export const GET = route<{ id: string }>({}, async ({ request, locale, params: { id } }) => {
  const asked = new URL(request.url).searchParams.get("locale");
  return cachedJson(request, await getModelDocument(id, catalogLocale(asked, locale)), catalogHeaders);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
