import { AppError } from "@/lib/errors";
import { answerRequest } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { signingKey } from "@/lib/server/secrets";
import { verifyMediaSignature } from "@/lib/server/storage/files";
import { serveMediaFile } from "@/lib/server/storage/serve";

/**
 * Media of the files adapter through links signed by lib/server/storage/files.ts (`dl=<name>`
 * for downloads); lib/server/storage/serve.ts answers with the file, its ranges and headers.
 */

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ path: string[] }> };

export function GET(request: Request, context: Context): Promise<Response> {
  return serve(request, context, true);
}

export function HEAD(request: Request, context: Context): Promise<Response> {
  return serve(request, context, false);
}

function serve(request: Request, context: Context, withBody: boolean): Promise<Response> {
  return answerRequest(request, async () => {
    const { path: segments } = await context.params;
    // A segment holding a slash came encoded (%2F): links never have one, so no media is there.
    if (Array.isArray(segments) && segments.some((segment) => segment.includes("/"))) {
      throw new AppError("not_found");
    }
    const path = Array.isArray(segments) ? segments.join("/") : "";
    const query = new URL(request.url).searchParams;
    const download = query.get("dl");
    const check = verifyMediaSignature(await signingKey("media"), {
      path,
      exp: query.get("exp"),
      sig: query.get("sig"),
      dl: download,
    });
    // A bad signature, a tampered path and an expired link look the same to the caller.
    if (!check.ok) throw new AppError("forbidden");
    return serveMediaFile(request, { path, expiresAt: check.expiresAt, download, withBody });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "HEAD");
