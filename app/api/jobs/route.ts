import { z } from "zod";
import { createJobRequestSchema } from "@/lib/contracts/api";
import { idempotencyKey, json, parseWith, readJson } from "@/lib/server/http";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { createJob, listJobs } from "@/lib/server/services/jobs";

export const dynamic = "force-dynamic";

/** Charges credits and starts a job: 202 { job, credits }. Needs an Idempotency-Key (UUID). */
export const POST = route({ session: "required", mutation: true }, async ({ request, session }) => {
  const key = idempotencyKey(request);
  const body = await readJson(request, createJobRequestSchema);
  return json(await createJob(session, key, body), { status: 202 });
});

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(200).nullable().default(null),
  q: z.string().max(200).nullable().default(null),
});

/** History: newest first, the last 7 days, `q` filters by prompt. */
export const GET = route({ session: "required" }, async ({ request, session }) => {
  const search = new URL(request.url).searchParams;
  const query = parseWith(listQuery, {
    limit: search.get("limit") ?? undefined,
    cursor: search.get("cursor"),
    q: search.get("q"),
  });
  return json(await listJobs(session, { limit: query.limit, cursor: query.cursor, query: query.q }));
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
