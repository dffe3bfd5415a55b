import { json } from "@/lib/server/http";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { checkDeepHealth, checkHealth } from "@/lib/server/services/health";

export const dynamic = "force-dynamic";

/**
 * Whether the server and its database answer; with `?deep=1` also storage and the video
 * provider's setup, each checked: 200, or 503 naming the parts that failed.
 */
export const GET = route({}, async ({ request }) => {
  if (new URL(request.url).searchParams.get("deep") !== "1") return json(await checkHealth());
  const health = await checkDeepHealth();
  return json(health, { status: health.ok ? 200 : 503 });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
