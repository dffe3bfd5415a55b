import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "../../../..");
const here = import.meta.dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => path.join(dir, file));
}

/** `create function public.name(` in the schema files and the local-mode SQL. */
function sqlFunctionsDefined(): Set<string> {
  const names = new Set<string>();
  for (const dir of ["supabase/schemas", "supabase/local"]) {
    for (const file of readdirSync(path.join(root, dir)).filter((f) => f.endsWith(".sql"))) {
      const text = readFileSync(path.join(root, dir, file), "utf8");
      for (const match of text.matchAll(/create (?:or replace )?function public\.([a-z_0-9]+)\(/g)) {
        names.add(match[1] as string);
      }
    }
  }
  return names;
}

test("each SQL function the server calls has one typed function, and that SQL function exists", () => {
  const called = readdirSync(here)
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .flatMap((file) => [
      ...readFileSync(path.join(here, file), "utf8").matchAll(/callSql\(\s*rpc,\s*"(\w+)"/g),
    ])
    .map((match) => match[1] as string);
  expect(called.length).toBeGreaterThan(40);
  expect(called.filter((name, index) => called.indexOf(name) !== index)).toEqual([]);
  const defined = sqlFunctionsDefined();
  expect(called.filter((name) => !defined.has(name))).toEqual([]);
});

test("outside the data layer, app and server code call no SQL function by name", () => {
  const byName = /\.call\(\s*"[a-z_0-9]+"|\bp_[a-z_0-9]+\s*:/;
  const offenders = [...sourceFiles("app"), ...sourceFiles("lib"), ...sourceFiles("components")]
    .filter((file) => !file.startsWith(path.join("lib", "server", "db")))
    .filter((file) => byName.test(readFileSync(path.join(root, file), "utf8")));
  expect(offenders).toEqual([]);
});
