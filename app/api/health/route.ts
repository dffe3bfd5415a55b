import { handle, json } from "@/lib/server/http";
import { otherMethods } from "@/lib/server/route-methods";
import { checkHealth } from "@/lib/server/services/health";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return handle(async () => json(await checkHealth(), { headers: { "cache-control": "no-store" } }));
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
