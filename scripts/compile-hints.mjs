// Marks the JavaScript every page runs as it starts with V8's explicit compile hint, after
// `next build` (npm run build runs it before build-sw.mjs, so precache revisions hash the final
// bytes). Without the hint V8 compiles each function lazily, on the main thread, the first time it
// is called: most of the task in which the app hydrates (React DOM alone is ~30 ms of it on a
// phone). With the hint V8 compiles the whole file while it streams in, on a background thread.
// Only the chunks a page loads before it hydrates get it (the framework's and every route's entry
// chunks); code loaded later (dialogs, the worker's helper) keeps lazy compilation, which is
// cheaper for code that may never run. Other engines read the line as a comment. Idempotent.
//
// Usage: node scripts/compile-hints.mjs [NEXT_DIR]   (NEXT_DIR defaults to .next)
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

export const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";

/** The chunks ("static/chunks/….js") of the framework and of every route's entry. */
export function startupChunks(nextDir) {
  const buildManifest = JSON.parse(readFileSync(path.join(nextDir, "build-manifest.json"), "utf8"));
  const chunks = new Set(buildManifest.rootMainFiles);
  const appDir = path.join(nextDir, "server/app");
  for (const entry of readdirSync(appDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith("_client-reference-manifest.js")) continue;
    // The manifest is a script that assigns globalThis.__RSC_MANIFEST[route].
    const sandbox = { globalThis: {} };
    vm.runInNewContext(readFileSync(path.join(entry.parentPath, entry.name), "utf8"), sandbox);
    for (const manifest of Object.values(sandbox.globalThis.__RSC_MANIFEST ?? {})) {
      for (const files of Object.values(manifest.entryJSFiles ?? {}))
        for (const file of files) chunks.add(file);
    }
  }
  return [...chunks].filter((chunk) => chunk.endsWith(".js"));
}

/** Prepends the hint to every start-up chunk that lacks it; how many there are and how many changed. */
export function markStartupChunks(nextDir) {
  if (!existsSync(path.join(nextDir, "BUILD_ID")))
    throw new Error(`no ${nextDir}/BUILD_ID: run \`next build\` first`);
  const chunks = startupChunks(nextDir);
  if (chunks.length === 0) throw new Error("the build names no start-up chunks");
  let marked = 0;
  for (const chunk of chunks) {
    const file = path.join(nextDir, chunk);
    const code = readFileSync(file, "utf8");
    if (code.startsWith(COMPILE_HINT)) continue;
    writeFileSync(file, COMPILE_HINT + code);
    marked++;
  }
  return { chunks: chunks.length, marked };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { chunks, marked } = markStartupChunks(process.argv[2] ?? ".next");
    console.log(`compile-hints: ${chunks} start-up chunks, ${marked} newly marked`);
  } catch (error) {
    console.error(`compile-hints: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
