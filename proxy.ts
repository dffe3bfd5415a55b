import { type NextRequest, NextResponse } from "next/server";
import { getConfig } from "@/lib/server/config";
import { contentSecurityPolicy, createNonce } from "@/lib/server/security-headers";

/**
 * Every page gets a Content-Security-Policy with a fresh nonce. Set on the request too, Next reads
 * the nonce from it for its own inline scripts; the root layout reads `x-nonce` for ours.
 */
export function proxy(request: NextRequest): NextResponse {
  const config = getConfig();
  const nonce = createNonce();
  const policy = contentSecurityPolicy({
    nonce,
    isDev: config.nodeEnv === "development",
    https: request.nextUrl.protocol === "https:",
    supabaseUrl: config.supabase?.url,
    appleSignIn: config.appleSignIn,
  });

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only. API routes get a static policy from next.config.ts, and a proxy in front of them
  // would make Next copy every upload's body; build output and public files (they have a dot)
  // need none. Prefetches are skipped: their answer is data for a page that has its policy.
  matcher: [
    {
      source: "/((?!api/|api$|_next/|sw\\.js|workbox-|.*\\.[A-Za-z0-9]+$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
