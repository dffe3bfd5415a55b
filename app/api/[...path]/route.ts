import { AppError } from "@/lib/errors";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * Any /api path no route has: 404 not_found in the API's JSON error shape, whatever the method
 * (Next would answer with its HTML 404 page). Real routes, static or dynamic, always win over
 * this catch-all.
 */
const notFound = route({}, async () => {
  throw new AppError("not_found");
});

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
