import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { COMPILE_HINT, markStartupChunks, startupChunks } from "./compile-hints.mjs";

// A build's output as Next writes it, reduced to what the script reads: the build manifest's root
// main files, each route's client reference manifest (a script) with its entry chunks, the chunks.
let nextDir: string;

function write(file: string, text: string) {
  mkdirSync(path.dirname(path.join(nextDir, file)), { recursive: true });
  writeFileSync(path.join(nextDir, file), text);
}

function referenceManifest(route: string, entries: Record<string, string[]>) {
  return `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};
globalThis.__RSC_MANIFEST[${JSON.stringify(route)}] = ${JSON.stringify({ clientModules: {}, entryJSFiles: entries })};`;
}

const chunk = (name: string) => readFileSync(path.join(nextDir, "static/chunks", name), "utf8");

beforeEach(() => {
  nextDir = mkdtempSync(path.join(tmpdir(), "compile-hints-"));
  write("BUILD_ID", "test");
  write(
    "build-manifest.json",
    JSON.stringify({
      rootMainFiles: ["static/chunks/react.js", "static/chunks/runtime.js"],
      polyfillFiles: [],
    }),
  );
  write(
    "server/app/page_client-reference-manifest.js",
    referenceManifest("/page", {
      "[project]/app/layout": ["static/chunks/layout.js"],
      "[project]/app/page": ["static/chunks/layout.js", "static/chunks/home.js"],
    }),
  );
  write(
    "server/app/create/[modelId]/page_client-reference-manifest.js",
    referenceManifest("/create/[modelId]/page", {
      "[project]/app/create/[modelId]/page": ["static/chunks/create.js"],
    }),
  );
  for (const name of ["react", "runtime", "layout", "home", "create", "dialog"]) {
    write(`static/chunks/${name}.js`, `/* ${name} */ run();\n`);
  }
});

afterEach(() => rmSync(nextDir, { recursive: true, force: true }));

describe("compile hints", () => {
  test("the start-up chunks are the framework's and every route's entry chunks, each once", () => {
    expect(startupChunks(nextDir).sort()).toEqual(
      ["create", "home", "layout", "react", "runtime"].map((name) => `static/chunks/${name}.js`),
    );
  });

  test("every start-up chunk starts with the hint and keeps its code; a lazily loaded chunk is left as it was", () => {
    expect(markStartupChunks(nextDir)).toEqual({ chunks: 5, marked: 5 });
    for (const name of ["react", "runtime", "layout", "home", "create"]) {
      expect(chunk(`${name}.js`)).toBe(`${COMPILE_HINT}/* ${name} */ run();\n`);
    }
    expect(chunk("dialog.js")).toBe("/* dialog */ run();\n");
  });

  test("a second run changes nothing", () => {
    markStartupChunks(nextDir);
    expect(markStartupChunks(nextDir)).toEqual({ chunks: 5, marked: 0 });
    expect(chunk("home.js")).toBe(`${COMPILE_HINT}/* home */ run();\n`);
  });

  test("without a finished build it stops and writes nothing", () => {
    rmSync(path.join(nextDir, "BUILD_ID"));
    expect(() => markStartupChunks(nextDir)).toThrow(/BUILD_ID/);
    expect(chunk("react.js")).toBe("/* react */ run();\n");
  });
});
