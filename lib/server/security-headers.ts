/**
 * The response headers that keep the app's pages from running or loading what they should not
 * (issue #8 item 5). Pure functions: the proxy (proxy.ts) builds the page policy per request with
 * a fresh nonce, next.config.ts sets the static headers, and both are unit-tested here.
 */

export type PolicyOptions = {
  /** This response's nonce: Next puts it on its own inline scripts, the layout on ours. */
  nonce: string;
  /** `next dev`: React needs eval for its debugging aids, and the dev overlay injects styles. */
  isDev: boolean;
  /** The page was asked for over https (directly or behind a TLS proxy). */
  https: boolean;
  /** Supabase mode: signed Storage links (images, video, the share sheet's fetch) come from here. */
  supabaseUrl?: string;
  /** Sign in with Apple: its form post is redirected through Supabase Auth to Apple. */
  appleSignIn?: boolean;
  /** Cloudflare Turnstile's script and its challenge frame. */
  allowTurnstile?: boolean;
  /** Error reporting (SENTRY_DSN): the browser posts its reports to the DSN's origin. */
  sentryDsn?: string | null;
};

const TURNSTILE = "https://challenges.cloudflare.com";
const APPLE = "https://appleid.apple.com";

/** The Content-Security-Policy of an HTML page. */
export function contentSecurityPolicy(options: PolicyOptions): string {
  const { nonce, isDev, https, appleSignIn, allowTurnstile } = options;
  const supabase = options.supabaseUrl ? new URL(options.supabaseUrl).origin : undefined;
  const sentry = options.sentryDsn ? new URL(options.sentryDsn).origin : undefined;
  const also = (...sources: Array<string | false | undefined>) =>
    sources.filter((source): source is string => Boolean(source));

  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // 'strict-dynamic': what a nonce'd script loads runs too; 'self' is only for CSP2 browsers.
    "script-src": [
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...also(isDev && "'unsafe-eval'", allowTurnstile && TURNSTILE),
    ],
    // <style> elements need the nonce; style="" attributes (React renders a few, e.g. progress
    // widths) cannot carry one, and a nonce in style-src would disable 'unsafe-inline' for them.
    "style-src": ["'self'", isDev ? "'unsafe-inline'" : `'nonce-${nonce}'`],
    "style-src-attr": ["'unsafe-inline'"],
    // blob: the chosen image's preview and the downscaling canvas; data: small inline images.
    "img-src": ["'self'", "blob:", "data:", ...also(supabase)],
    "media-src": ["'self'", "blob:", ...also(supabase)],
    "connect-src": ["'self'", ...also(supabase, sentry)],
    "font-src": ["'self'"],
    // Without it the worker would fall back to script-src, where 'strict-dynamic' ignores 'self'.
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "frame-src": allowTurnstile ? [TURNSTILE] : ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    // Browsers check a form post's redirects against form-action too.
    "form-action": ["'self'", ...also(appleSignIn && supabase, appleSignIn && APPLE)],
    "frame-ancestors": ["'none'"],
  };
  const policy = Object.entries(directives).map(([name, sources]) => `${name} ${sources.join(" ")}`);
  // Over plain http it would send every request to an https port that is not there.
  if (https && !isDev) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}

/**
 * The service worker's own policy: its code only from here; it fetches from here and, in supabase
 * mode, job thumbnails from the project's Storage (to keep them for offline history).
 */
export function serviceWorkerContentSecurityPolicy(supabaseUrl?: string): string {
  const connect = ["'self'", ...(supabaseUrl ? [new URL(supabaseUrl).origin] : [])];
  return `default-src 'self'; script-src 'self'; connect-src ${connect.join(" ")}`;
}

/** API answers are data, never a document: nothing may load or frame them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Two years, subdomains too (the hstspreload.org minimum is one year). */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** Features the app never uses, switched off for it and anything it might embed. */
export const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "hid=()",
  "midi=()",
  "magnetometer=()",
  "gyroscope=()",
  "accelerometer=()",
  "browsing-topics=()",
].join(", ");

export type Header = { key: string; value: string };

/**
 * Headers for every response. HSTS only in production: browsers ignore it over plain http, so it
 * is sent there too rather than trusting a proxy's X-Forwarded-Proto to decide.
 */
export function staticSecurityHeaders({ isDev }: { isDev: boolean }): Header[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    // frame-ancestors 'none' says the same to browsers that know CSP level 2.
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
    ...(isDev ? [] : [{ key: "Strict-Transport-Security", value: STRICT_TRANSPORT_SECURITY }]),
  ];
}

/**
 * The build's own scripts and styles (/_next/static): only what a file needs. The policies above
 * govern documents; repeated on every chunk they would only add bytes to each first load.
 */
export function assetSecurityHeaders(): Header[] {
  return [{ key: "X-Content-Type-Options", value: "nosniff" }];
}

/** 128 random bits, base64: unguessable, and a valid CSP nonce. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
