import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { migrate } from "../../lib/server/db/migrate";
import {
  CATALOG_QUERIES,
  type Catalog,
  catalogDiff,
  readCatalog,
} from "../../scripts/test-support/db/schema-catalog";
import { openEmptyMigrationTarget } from "../../scripts/test-support/db/test-db";

/**
 * supabase/schemas (the current definition of every table, function, policy and grant) and
 * supabase/migrations (how a database got there) must describe the same database: one empty
 * database gets the migrations, another the schema files, both after the local shims that stand
 * in for Supabase's own auth and storage schemas, and their catalogs are compared.
 */

type Target = Awaited<ReturnType<typeof openEmptyMigrationTarget>>;

const SCHEMAS = "supabase/schemas";
const MIGRATIONS = "supabase/migrations";
const sqlFiles = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith(".sql"))
    .sort()
    .map((name) => path.join(dir, name));

let fromMigrations: Target;
let fromSchemas: Target;
let migrated: Catalog;
let declared: Catalog;

beforeAll(async () => {
  fromMigrations = await openEmptyMigrationTarget();
  await migrate(fromMigrations.driver, { includeLocal: true });
  migrated = await readCatalog((sql) => fromMigrations.rows(sql));

  fromSchemas = await openEmptyMigrationTarget();
  for (const file of [...sqlFiles("supabase/local"), ...sqlFiles(SCHEMAS)]) {
    await fromSchemas.driver.transaction((tx) => tx.exec(readFileSync(file, "utf8")));
  }
  declared = await readCatalog((sql) => fromSchemas.rows(sql));
});
afterAll(async () => {
  await fromMigrations?.close();
  await fromSchemas?.close();
});

test("supabase db diff reads the schema files in the order this test applies them", () => {
  const config = parse(readFileSync("supabase/config.toml", "utf8")) as {
    db: { migrations: { schema_paths: string[] } };
  };
  expect(config.db.migrations.schema_paths).toEqual(["./schemas/*.sql"]);
});

test("each function is created once, by a plain create function", () => {
  const created = sqlFiles(SCHEMAS).flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/^create (or replace )?function ([\w.]+)/gm)].map((m) => ({
      file,
      replace: Boolean(m[1]),
      name: m[2],
    })),
  );
  expect(created.filter((f) => f.replace)).toEqual([]);
  const names = created.map((f) => f.name);
  expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  expect(names.length).toBeGreaterThan(50);
});

describe.each(Object.keys(CATALOG_QUERIES))("%s definitions", (kind) => {
  const only = (catalog: Catalog) => new Map([...catalog].filter(([key]) => key.startsWith(`${kind} `)));

  test(`${SCHEMAS} declares what ${MIGRATIONS} made`, () => {
    const differences = catalogDiff(only(migrated), only(declared), {
      expected: MIGRATIONS,
      actual: SCHEMAS,
    });
    expect(differences.join("\n\n")).toBe("");
  });
});

test("the comparison sees the whole schema, not an empty one", () => {
  const count = (kind: string) => [...migrated.keys()].filter((key) => key.startsWith(`${kind} `)).length;
  expect(migrated.get("relation public.video_jobs")).toMatch(/row level security true/);
  expect(migrated.get("function public.sweep()")).toMatch(/SECURITY DEFINER/);
  expect(count("column")).toBeGreaterThan(100);
  expect(count("policy")).toBeGreaterThanOrEqual(7);
  expect(count("index")).toBeGreaterThan(20);
  expect(count("default privileges")).toBeGreaterThan(0);
  expect(count("bucket")).toBe(3);
});
