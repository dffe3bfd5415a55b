import { AppError } from "@/lib/errors";
import { isUuid, json } from "@/lib/server/http";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { deleteJob, getJob } from "@/lib/server/services/jobs";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = route<Params>({ session: "required" }, async ({ session, params: { id } }) => {
  if (!isUuid(id)) throw new AppError("job_not_found");
  return json({ job: await getJob(session, id) });
});

/** Deletes one of the user's finished jobs with its media: 204 | 404 job_not_found (also another user's). */
export const DELETE = route<Params>(
  { session: "required", mutation: true },
  async ({ session, params: { id } }) => {
    if (!isUuid(id)) throw new AppError("job_not_found");
    await deleteJob(session, id);
    return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
  },
);

export const { POST, PUT, PATCH, OPTIONS } = otherMethods("GET", "DELETE");
