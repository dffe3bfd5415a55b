import { type NextRequest, NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { getConfig } from "@/lib/server/config";
import { errorResponse } from "@/lib/server/http";
import { contentSecurityPolicy, createNonce } from "@/lib/server/security-headers";

/** Pages get their Content-Security-Policy here; media paths that can't be decoded are refused. */
export function proxy(request: NextRequest): Response | undefined {
  if (request.nextUrl.pathname.startsWith("/api/")) return refuseUndecodablePath(request);
  return withContentSecurityPolicy(request);
}

/**
 * Every page gets a Content-Security-Policy with a fresh nonce. Set on the request too, Next reads
 * the nonce from it for its own inline scripts; the root layout reads `x-nonce` for ours.
 */
function withContentSecurityPolicy(request: NextRequest): NextResponse {
  const config = getConfig();
  const nonce = createNonce();
  const policy = contentSecurityPolicy({
    nonce,
    isDev: config.nodeEnv === "development",
    https: request.nextUrl.protocol === "https:",
    supabaseUrl: config.supabase?.url,
    appleSignIn: config.appleSignIn,
    allowTurnstile: config.turnstile !== null,
  });

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

/**
 * A media path with broken percent-encoding (`/api/media/%E0%A4%A`) makes Next.js fail while
 * decoding the route's params, before any handler runs, and answer a plain-text 500. The proxy
 * runs before that step and answers such paths as what they are: not found.
 */
function refuseUndecodablePath(request: NextRequest): Response | undefined {
  try {
    decodeURIComponent(request.nextUrl.pathname);
    return undefined;
  } catch {
    return errorResponse(new AppError("not_found"));
  }
}

export const config = {
  matcher: [
    "/api/media/:path*",
    // Pages only. Other API routes get a static policy from next.config.ts, and a proxy in front
    // of them would make Next copy every upload's body; build output and public files (they have
    // a dot) need none. Prefetches are skipped: their answer is data for a page that has its policy.
    {
      source: "/((?!api/|api$|_next/|sw\\.js|workbox-|.*\\.[A-Za-z0-9]+$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
