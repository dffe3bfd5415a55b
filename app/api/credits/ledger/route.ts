import { z } from "zod";
import { json, parseWith } from "@/lib/server/http";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { listLedger } from "@/lib/server/services/credits";

export const dynamic = "force-dynamic";

const ledgerQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,17}$/)
    .nullable()
    .default(null),
});

/** The caller's credit history, newest first, paged by an opaque cursor. */
export const GET = route({ session: "required" }, async ({ request, session }) => {
  const search = new URL(request.url).searchParams;
  const query = parseWith(ledgerQuery, {
    limit: search.get("limit") ?? undefined,
    cursor: search.get("cursor"),
  });
  return json(await listLedger(session, query));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
