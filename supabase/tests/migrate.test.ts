import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { migrate } from "../../lib/server/db/migrate";
import { openEmptyMigrationTarget } from "./support/db";

let root: string;
let target: Awaited<ReturnType<typeof openEmptyMigrationTarget>>;

beforeEach(async () => {
  root = mkdtempSync(path.join(tmpdir(), "rendio-migrate-"));
  cpSync("supabase", path.join(root, "supabase"), {
    recursive: true,
    filter: (src) => !src.includes("/tests"),
  });
  target = await openEmptyMigrationTarget();
});
afterEach(async () => {
  await target.close();
  rmSync(root, { recursive: true, force: true });
});

const run = () => migrate(target.driver, { includeLocal: true, root, lock: true });
const applied = async () =>
  (await target.rows("select name from rendio_meta.applied_sql order by name")).map((r) => r.name);

test("applies the local shim, the migrations and the seed once, in order", async () => {
  const first = await run();
  expect(first.applied[0]).toBe("supabase/local/00_supabase_shim.sql");
  expect(first.applied.at(-1)).toBe("supabase/seed.sql");
  expect(first.applied.filter((n) => n.startsWith("supabase/migrations/"))).toEqual(
    [...first.applied.filter((n) => n.startsWith("supabase/migrations/"))].sort(),
  );
  expect(await run()).toEqual({ applied: [], skipped: first.applied.length });
  const models = await target.rows("select count(*)::int as n from public.models");
  expect(models[0]?.n).toBeGreaterThanOrEqual(6);
});

test("a migration edited after it was applied stops the run", async () => {
  await run();
  const file = path.join(root, "supabase/migrations/20261125000100_schema.sql");
  writeFileSync(file, `-- edited\n${readFileSync(file, "utf8")}`);
  await expect(run()).rejects.toThrow(/20261125000100_schema\.sql was changed after it was applied/);
});

test("an edited seed is applied again", async () => {
  await run();
  writeFileSync(
    path.join(root, "supabase/seed.sql"),
    "update public.models set sort_order = 7 where slug = 'ltx-2-fast';",
    { flag: "a" },
  );
  expect((await run()).applied).toEqual(["supabase/seed.sql"]);
  const rows = await target.rows("select sort_order from public.models where slug = 'ltx-2-fast'");
  expect(rows[0]?.sort_order).toBe(7);
});

test("a failing migration leaves nothing behind and is applied once fixed", async () => {
  await run();
  const file = path.join(root, "supabase/migrations/29990101000000_broken.sql");
  writeFileSync(file, "create table public.half_done (id int);\nselect this_function_does_not_exist();");
  await expect(run()).rejects.toThrow(/this_function_does_not_exist/);
  expect(await applied()).not.toContain("supabase/migrations/29990101000000_broken.sql");
  expect(await target.rows("select to_regclass('public.half_done') as t")).toEqual([{ t: null }]);
  writeFileSync(
    file,
    "create table public.half_done (id int);\nalter table public.half_done enable row level security;",
  );
  expect((await run()).applied).toEqual(["supabase/migrations/29990101000000_broken.sql"]);
});
