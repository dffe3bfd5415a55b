import { json, MAX_JSON_BODY_BYTES, readLimited } from "@/lib/server/http";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { receiveFalWebhook } from "@/lib/server/services/fal-webhook";

export const dynamic = "force-dynamic";
// Storing a finished video (download, thumbnail, upload) may take a while on a serverless host.
export const maxDuration = 300;

/**
 * fal's webhook: the ED25519 signature is verified over the raw body before it is parsed. No
 * Origin check: fal calls from its servers and the signature is the authentication.
 */
export const POST = route({}, async ({ request }) => {
  const body = await readLimited(request, MAX_JSON_BODY_BYTES * 4);
  const jobId = new URL(request.url).searchParams.get("job");
  return json(await receiveFalWebhook({ headers: request.headers, body, jobId }));
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
