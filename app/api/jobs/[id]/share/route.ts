import { shareJobRequestSchema } from "@/lib/contracts/api";
import { AppError } from "@/lib/errors";
import { isUuid, json, readOptionalJson } from "@/lib/server/http";
import { publicOrigin } from "@/lib/server/public-origin";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { shareJob, sharePageUrl, unshareJob } from "@/lib/server/services/share";

export const dynamic = "force-dynamic";

type Params = { id: string };

/**
 * Shares one of the user's finished videos as a public page: 200 { url }, the same URL on every
 * call | 409 job_in_progress | 404 job_not_found (also another user's).
 */
export const POST = route<Params>(
  { session: "required", mutation: true },
  async ({ request, session, params: { id } }) => {
    if (!isUuid(id)) throw new AppError("job_not_found");
    const body = await readOptionalJson(request, shareJobRequestSchema);
    const origin = publicOrigin(request);
    if (!origin) throw new AppError("validation_failed", { field: "host" });
    const token = await shareJob(session, id, body);
    return json({ url: sharePageUrl(origin, token) });
  },
);

/** Takes the video's page down: 204, also when it was not shared | 404 job_not_found. */
export const DELETE = route<Params>(
  { session: "required", mutation: true },
  async ({ session, params: { id } }) => {
    if (!isUuid(id)) throw new AppError("job_not_found");
    await unshareJob(session, id);
    return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
  },
);

export const { GET, PUT, PATCH, OPTIONS } = otherMethods("POST", "DELETE");
