import { type NextRequest, NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { getSessionPort } from "@/lib/server/auth";
import { type CookieToSet, serializeCookie } from "@/lib/server/auth/cookies";
import { clientAddress } from "@/lib/server/client-address";
import { getConfig } from "@/lib/server/config";
import { errorResponse } from "@/lib/server/http";
import { reportError } from "@/lib/server/log/report";
import { REQUEST_ID_HEADER, requestIdOf } from "@/lib/server/log/request-id";
import { isHttps } from "@/lib/server/public-origin";
import {
  contentSecurityPolicy,
  createNonce,
  serviceWorkerContentSecurityPolicy,
} from "@/lib/server/security-headers";

/**
 * Pages get their session renewed and their Content-Security-Policy here, the service worker its
 * own policy; media paths that can't be decoded are refused. Each answer carries its request id
 * (API routes set their own: lib/server/route.ts).
 */
export async function proxy(request: NextRequest): Promise<Response | undefined> {
  if (request.nextUrl.pathname.startsWith("/api/")) return refuseUndecodablePath(request);
  const requestId = requestIdOf((name) => request.headers.get(name));
  const response =
    request.nextUrl.pathname === "/sw.js" ? withServiceWorkerPolicy() : await renderPage(request, requestId);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

async function renderPage(request: NextRequest, requestId: string): Promise<NextResponse> {
  const renewed = await refreshSession(request, requestId);
  const response = withContentSecurityPolicy(request);
  for (const cookie of renewed) response.headers.append("set-cookie", serializeCookie(cookie));
  return response;
}

/**
 * Pages cannot write cookies, so the session is renewed here, before the page renders: the new
 * cookies go onto the request (the page reads them in this same request) and are returned for
 * the response. Route handlers renew through their own jar (lib/server/route.ts).
 */
async function refreshSession(request: NextRequest, requestId: string): Promise<CookieToSet[]> {
  const written: CookieToSet[] = [];
  const jar = {
    secure: isHttps(request),
    getAll: () => request.cookies.getAll().map(({ name, value }) => ({ name, value })),
    setAll(cookies: CookieToSet[]) {
      for (const cookie of cookies) {
        written.push(cookie);
        if (cookie.options?.maxAge === 0) request.cookies.delete(cookie.name);
        else request.cookies.set(cookie.name, cookie.value);
      }
    },
  };
  try {
    await (await getSessionPort()).refresh(jar, { address: clientAddress(request) });
  } catch (error) {
    // The page still renders; it reads the session itself and the next request tries again.
    reportError(error, "session refresh failed", { requestId });
  }
  return written;
}

/**
 * Every page gets a Content-Security-Policy with a fresh nonce. Set on the request too, Next reads
 * the nonce from it for its own inline scripts; the root layout reads `x-nonce` for ours. The
 * request's headers carry any cookie renewed above.
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
    sentryDsn: config.sentryDsn,
  });

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

/**
 * The worker's policy names the Supabase project, a setting read when the server starts, while
 * next.config.ts's headers are fixed when the app is built: so it is set here. The worker has no
 * session to renew.
 */
function withServiceWorkerPolicy(): NextResponse {
  const response = NextResponse.next();
  response.headers.set(
    "content-security-policy",
    serviceWorkerContentSecurityPolicy(getConfig().supabase?.url),
  );
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
    const response = errorResponse(new AppError("not_found"));
    response.headers.set(
      REQUEST_ID_HEADER,
      requestIdOf((name) => request.headers.get(name)),
    );
    return response;
  }
}

export const config = {
  matcher: [
    "/api/media/:path*",
    "/sw.js",
    // Pages only. Other API routes get a static policy from next.config.ts and renew sessions
    // themselves, and a proxy in front of them would make Next copy every upload's body; build
    // output, the service worker (its policy only, above) and public files (they have a dot)
    // need none. Prefetches are
    // skipped: their answer is data for a page that has its policy and session.
    {
      source: "/((?!api/|api$|_next/|sw\\.js|workbox-|.*\\.[A-Za-z0-9]+$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
