import { vitalsRequestSchema } from "@/lib/contracts/vitals";
import { readJson } from "@/lib/server/http";
import { logger } from "@/lib/server/log/logger";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";

export const dynamic = "force-dynamic";

/** A beacon holds a handful of readings: anything larger is not one. */
const MAX_BEACON_BYTES = 4096;

/**
 * A sampled page view's Web Vitals (navigator.sendBeacon): checked, then one log line per metric.
 * No session and no database: cheap enough to need no rate limit. 204 without a body.
 */
export const POST = route({ mutation: true }, async ({ request }) => {
  // sendBeacon sends a string as text/plain (a Blob typed application/json is refused by
  // some browsers), so both types are read.
  const { route: page, metrics } = await readJson(request, vitalsRequestSchema, {
    maxBytes: MAX_BEACON_BYTES,
    textPlain: true,
  });
  for (const { name, value, rating, navigationType } of metrics) {
    logger().info({ vital: name, value, rating, page, navigationType }, "web vital");
  }
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
