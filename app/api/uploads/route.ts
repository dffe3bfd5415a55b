import { MAX_IMAGE_BYTES } from "@/lib/contracts/api";
import { AppError } from "@/lib/errors";
import { json, readLimited } from "@/lib/server/http";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { saveInputImage } from "@/lib/server/services/uploads";

export const dynamic = "force-dynamic";

/** The largest multipart body: the image and room for the boundaries and part headers. */
const MAX_UPLOAD_BODY_BYTES = MAX_IMAGE_BYTES + 64 * 1024;

/** Multipart form with one `file` (JPEG, PNG or WebP, at most 4 MB): 201 { imageUrl, previewUrl }. */
export const POST = route({ session: "required", mutation: true }, async ({ request, session }) => {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_UPLOAD_BODY_BYTES) throw new AppError("payload_too_large");
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\b/i.test(type)) throw new AppError("validation_failed", { field: "file" });
  // Read with a limit before parsing: a chunked body declares no length, and formData()
  // would hold all of it in memory.
  const body = await readLimited(request, MAX_UPLOAD_BODY_BYTES);
  const form = await new Response(body, { headers: { "content-type": type } }).formData().catch(() => {
    throw new AppError("validation_failed", { field: "file" });
  });
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("validation_failed", { field: "file" });
  if (file.size > MAX_IMAGE_BYTES) throw new AppError("payload_too_large");
  const bytes = new Uint8Array(await file.arrayBuffer());
  return json(await saveInputImage(session, bytes), { status: 201 });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
