import { AppError } from "@/lib/errors";
import { isUuid, json } from "@/lib/server/http";
import { withRequest } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { deleteJob, getJob } from "@/lib/server/services/jobs";
import { requireSession } from "@/lib/server/services/session";

export const dynamic = "force-dynamic";

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return withRequest(request, async ({ jar }) => {
    const session = await requireSession(jar);
    const { id } = await params;
    if (!isUuid(id)) throw new AppError("job_not_found");
    return json({ job: await getJob(session, id) });
  });
}

/** Deletes one of the user's finished jobs with its media: 204 | 404 job_not_found (also another user's). */
export function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return withRequest(
    request,
    async ({ jar }) => {
      const session = await requireSession(jar);
      const { id } = await params;
      if (!isUuid(id)) throw new AppError("job_not_found");
      await deleteJob(session, id);
      return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
    },
    { mutation: true },
  );
}

export const { POST, PUT, PATCH, OPTIONS } = otherMethods("GET", "DELETE");
