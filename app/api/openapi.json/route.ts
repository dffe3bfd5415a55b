import { getConfig } from "@/lib/server/config";
import { json } from "@/lib/server/http";
import { openApiDocument } from "@/lib/server/openapi";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";

export const dynamic = "force-dynamic";

let document: Record<string, unknown> | undefined;

/** The API's OpenAPI 3.1 document, made once from lib/contracts/operations.ts. */
export const GET = route({}, async () => {
  document ??= openApiDocument(getConfig().version);
  return json(document, { headers: { "cache-control": "public, max-age=300" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
