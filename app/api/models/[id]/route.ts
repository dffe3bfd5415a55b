import { isLocale } from "@/lib/i18n/locale";
import { cachedJson } from "@/lib/server/http-cache";
import { withRequest } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { getModelDocument } from "@/lib/server/services/catalog";
import { catalogHeaders } from "../headers";

export const dynamic = "force-dynamic";

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return withRequest(request, async ({ locale }) => {
    const { id } = await params;
    const asked = new URL(request.url).searchParams.get("locale");
    return cachedJson(request, await getModelDocument(id, isLocale(asked) ? asked : locale), catalogHeaders);
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
