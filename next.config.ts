import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import createNextIntlPlugin from "next-intl/plugin";
import {
  API_CONTENT_SECURITY_POLICY,
  assetSecurityHeaders,
  staticSecurityHeaders,
} from "./lib/server/security-headers";

// Messages are compiled at build time, so the browser gets no ICU message parser.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

// The worker must never be served stale (no-store). Its Content-Security-Policy names the Supabase
// project, a run-time setting, so proxy.ts sets it: these headers are fixed at build.
const serviceWorkerHeaders = () => [
  { key: "Content-Type", value: "application/javascript; charset=utf-8" },
  { key: "Cache-Control", value: "no-cache, no-store, must-revalidate" },
];

// A clean clone (CI) never reads Turbopack's build cache back; writing it took 20 of a clean
// build's 70 s here. Elsewhere it makes the next build of the same checkout ~3x faster.
const keepBuildCache = !process.env.CI;

// Pages get their Content-Security-Policy, with a nonce, from proxy.ts.
function nextConfig(isDev: boolean): NextConfig {
  return {
    poweredByHeader: false,
    experimental: { turbopackFileSystemCacheForBuild: keepBuildCache },
    // These find files next to themselves at run time (ffmpeg's binary, PGlite's WASM): never bundle.
    serverExternalPackages: ["@ffmpeg-installer/ffmpeg", "@electric-sql/pglite"],
    async headers() {
      return [
        { source: "/:path((?!_next/static/).*)", headers: staticSecurityHeaders({ isDev }) },
        { source: "/_next/static/:path*", headers: assetSecurityHeaders() },
        {
          source: "/api/:path*",
          headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }],
        },
        { source: "/sw.js", headers: serviceWorkerHeaders() },
      ];
    },
  };
}

export default function config(phase: string): NextConfig {
  return withNextIntl(nextConfig(phase === PHASE_DEVELOPMENT_SERVER));
}
