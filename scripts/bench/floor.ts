// The framework floor: a one-page Next.js App Router app with one client button, on the project's
// own `next`, `react` and `react-dom` (found in the project's node_modules, as the floor lives in
// the project tree). Written from the template below and built once into .test-data/bench/floor;
// built again when those versions or the template change (floor-stamp.json).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { markStartupChunks } from "../compile-hints.mjs";
import { type Server, startNode } from "./servers";

const root = path.resolve(".");
const dir = path.join(root, ".test-data/bench/floor");
/** The same build with the compile hint Rendio's build adds (scripts/compile-hints.mjs). */
const hintedDir = path.join(root, ".test-data/bench/floor-hinted");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");

const files: Record<string, string> = {
  // Turbopack looks for node_modules no higher than its root: the project's.
  "next.config.mjs": `export default { turbopack: { root: ${JSON.stringify(root)} } };\n`,
  // Without one of its own, Turbopack builds the project's instrumentation.ts (at its root) in.
  "instrumentation.js": "export function register() {}\n",
  "app/layout.jsx": `export const metadata = { title: "Floor" };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
  "app/page.jsx": `import { Counter } from "./counter";

export default function Page() {
  return (
    <main>
      <h1>The framework floor</h1>
      <p>One page, one client button.</p>
      <Counter />
    </main>
  );
}
`,
  "app/counter.jsx": `"use client";
import { useState } from "react";

export function Counter() {
  const [count, setCount] = useState(0);
  return (
    <button type="button" onClick={() => setCount(count + 1)}>
      Pressed {count} times
    </button>
  );
}
`,
};

const version = (name: string): string =>
  JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")).version;

/** What the floor build depends on: a different stamp means building it again. */
function stamp(): string {
  const template = createHash("sha256").update(JSON.stringify(files)).digest("hex").slice(0, 16);
  return JSON.stringify({
    next: version("next"),
    react: version("react"),
    "react-dom": version("react-dom"),
    template,
  });
}

/** Builds the floor app unless the build on disk is of the same versions and template. */
export function ensureFloorBuild(log: (line: string) => void): { versions: string } {
  const wanted = stamp();
  const stampFile = path.join(dir, "floor-stamp.json");
  const have = existsSync(stampFile) ? readFileSync(stampFile, "utf8") : "";
  const { next, react } = JSON.parse(wanted);
  const versions = `next ${next}, react ${react}`;
  if (have === wanted && existsSync(path.join(dir, ".next/BUILD_ID"))) return { versions };
  log(`Building the floor app (${versions}) in ${path.relative(root, dir)} …`);
  rmSync(dir, { recursive: true, force: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const buildLog = path.join(root, ".test-data/bench/floor-build.log");
  try {
    execFileSync(process.execPath, [nextBin, "build"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    writeFileSync(buildLog, `${stdout ?? ""}${stderr ?? ""}`);
    throw new Error(`the floor app did not build; see ${path.relative(root, buildLog)}`);
  }
  writeFileSync(stampFile, wanted);
  return { versions };
}

/**
 * A copy of the floor build whose start-up chunks carry the compile hint `npm run build` gives
 * Rendio's: not a goal's reference, it shows how much of a figure the hint moves by itself.
 */
export function ensureHintedFloorBuild(): void {
  const stampFile = path.join(hintedDir, "floor-stamp.json");
  const wanted = readFileSync(path.join(dir, "floor-stamp.json"), "utf8");
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === wanted) return;
  rmSync(hintedDir, { recursive: true, force: true });
  cpSync(dir, hintedDir, { recursive: true });
  markStartupChunks(path.join(hintedDir, ".next"));
}

/** `next start` of the floor build (`hinted`: of its copy with compile hints). */
export function startFloor(port: number, { hinted = false } = {}): Promise<Server> {
  const name = hinted ? "floor-hinted" : "floor";
  return startNode({
    args: [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"],
    cwd: hinted ? hintedDir : dir,
    port,
    ready: "/",
    log: path.join(root, `.test-data/bench/${name}.log`),
    env: { NODE_ENV: "production" },
  });
}
