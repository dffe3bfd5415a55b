// Builds public/sw.js after `next build` (toolchain.md §3, approach A): esbuild bundles the
// TypeScript worker (lib/sw/sw.ts), then workbox-build injects the precache manifest. Fails the
// build when the worker is missing, empty or has no manifest.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { injectManifest } from "workbox-build";

const SW_DEST = "public/sw.js";
const OFFLINE_URL = "/offline";

function fail(message) {
  console.error(`build-sw: ${message}`);
  process.exit(1);
}

if (!existsSync(".next/BUILD_ID")) fail("no .next/BUILD_ID: run `next build` first");
const buildId = readFileSync(".next/BUILD_ID", "utf8").trim();

const tmp = mkdtempSync(path.join(tmpdir(), "rendio-sw-"));
const bundled = path.join(tmp, "sw.js");
try {
  await build({
    entryPoints: ["lib/sw/sw.ts"],
    bundle: true,
    format: "iife",
    target: "es2020",
    minify: true,
    outfile: bundled,
    // Workbox's dev logging is dropped by this define.
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });

  const { count, size, warnings } = await injectManifest({
    swSrc: bundled,
    swDest: SW_DEST,
    globDirectory: ".",
    globPatterns: [".next/static/**/*.{js,css,woff2}", "public/icons/**/*.{png,svg,webp}"],
    modifyURLPrefix: { ".next/static/": "/_next/static/", "public/": "/" },
    additionalManifestEntries: [{ url: OFFLINE_URL, revision: buildId }],
    // Next's hashed file names already carry their version.
    dontCacheBustURLsMatching: /^\/_next\/static\//,
    maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
  });
  for (const warning of warnings) console.warn(`build-sw: ${warning}`);

  if (!existsSync(SW_DEST) || statSync(SW_DEST).size === 0) fail(`${SW_DEST} is missing or empty`);
  const worker = readFileSync(SW_DEST);
  const source = worker.toString("utf8");
  if (source.includes("self.__WB_MANIFEST")) fail("the precache manifest was not injected");
  if (!source.includes(`"${OFFLINE_URL}"`)) fail(`the offline page ${OFFLINE_URL} is not precached`);
  if (count < 2) fail(`only ${count} precache entries: .next/static looks empty`);

  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(
    `build-sw: ${SW_DEST} ${worker.length} bytes (${kb(worker.length)}), gzip ${gzipSync(worker).length} bytes; ` +
      `precache ${count} files, ${size} bytes (${kb(size)})`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
