import { isLocale } from "@/lib/i18n/locale";
import { json } from "@/lib/server/http";
import { withRequest } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { getModel } from "@/lib/server/services/catalog";

export const dynamic = "force-dynamic";

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return withRequest(request, async ({ locale }) => {
    const { id } = await params;
    const asked = new URL(request.url).searchParams.get("locale");
    const model = await getModel(id, isLocale(asked) ? asked : locale);
    return json(
      { model },
      {
        headers: {
          "cache-control": "public, max-age=60, stale-while-revalidate=86400",
          vary: "Accept-Language, Cookie",
        },
      },
    );
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
