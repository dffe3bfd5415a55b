import { json } from "@/lib/server/http";
import { withRequest } from "@/lib/server/route";
import { getMe } from "@/lib/server/services/session";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return withRequest(request, async ({ jar }) => json(await getMe(jar)));
}
