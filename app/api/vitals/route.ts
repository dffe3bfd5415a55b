import { vitalsRequestSchema } from "@/lib/contracts/vitals";
import { AppError } from "@/lib/errors";
import { parseWith, readLimited } from "@/lib/server/http";
import { logger } from "@/lib/server/log/logger";
import { withRequest } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";

export const dynamic = "force-dynamic";

/** A beacon holds a handful of readings: anything larger is not one. */
const MAX_BEACON_BYTES = 4096;

/**
 * A sampled page view's Web Vitals (navigator.sendBeacon): checked, then one log line per metric.
 * No session and no database: cheap enough to need no rate limit. 204 without a body.
 */
export function POST(request: Request): Promise<Response> {
  return withRequest(
    request,
    async () => {
      const { route, metrics } = await readBeacon(request);
      for (const { name, value, rating, navigationType } of metrics) {
        logger().info({ vital: name, value, rating, page: route, navigationType }, "web vital");
      }
      return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
    },
    { mutation: true },
  );
}

/**
 * The beacon's JSON. sendBeacon sends a string as text/plain (a Blob typed application/json is
 * refused by some browsers), so both types are read.
 */
async function readBeacon(request: Request) {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BEACON_BYTES) {
    throw new AppError("payload_too_large");
  }
  const type = request.headers.get("content-type") ?? "";
  if (!/^(application\/json|text\/plain)\b/i.test(type))
    throw new AppError("validation_failed", { field: "body" });
  const bytes = await readLimited(request, MAX_BEACON_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new AppError("validation_failed", { field: "body" });
  }
  return parseWith(vitalsRequestSchema, value);
}

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
