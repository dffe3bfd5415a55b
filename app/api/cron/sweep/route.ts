import { timingSafeEqual } from "node:crypto";
import { sweepResponseSchema } from "@/lib/contracts/operations";
import { AppError } from "@/lib/errors";
import { getConfig } from "@/lib/server/config";
import { json } from "@/lib/server/http";
import { sweepOnce } from "@/lib/server/jobs/sweeper";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";

export const dynamic = "force-dynamic";

/**
 * The scheduled sweep for serverless deployments (vercel.json "crons"): Vercel calls it with
 * `Authorization: Bearer <CRON_SECRET>`. Without a configured secret the route does not exist
 * (404); a missing or wrong secret is 401. Answers the sweep's counts, and only those (the jobs it
 * failed stay on the server).
 */
export const GET = route({}, async ({ request }) => {
  const secret = getConfig().cronSecret;
  if (!secret) throw new AppError("not_found");
  if (!bearerMatches(request.headers.get("authorization"), secret)) throw new AppError("unauthorized");
  const { mediaPaths, ...counts } = await sweepOnce();
  return json(sweepResponseSchema.parse({ ...counts, mediaRemoved: mediaPaths.length }));
});

function bearerMatches(header: string | null, secret: string): boolean {
  const given = Buffer.from(header ?? "");
  const expected = Buffer.from(`Bearer ${secret}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
