import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { MAX_IMAGE_BYTES } from "../../lib/contracts/api";
import { migrate } from "../../lib/server/db/migrate";
import { MAX_OUTPUT_BYTES } from "../../lib/server/providers/fal/output";
import { contentTypeFor } from "../../lib/server/storage/media-store";
import { openEmptyMigrationTarget } from "../../scripts/test-support/db/test-db";

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

const buckets = () =>
  target.rows(
    "select id, name, public, file_size_limit::text as limit, allowed_mime_types as types from storage.buckets order by id",
  );
const catalog = async () => ({
  models: await target.rows("select * from public.models order by id"),
  themes: await target.rows("select * from public.themes order by id"),
  products: await target.rows("select * from public.credit_products order by id"),
});
const file = (name: string) => path.join(root, "supabase", name);

test("the private media buckets exist after migrating from scratch, each limit the code's own", async () => {
  await run();
  expect(await buckets()).toEqual([
    {
      id: "inputs",
      name: "inputs",
      public: false,
      limit: String(MAX_IMAGE_BYTES),
      types: ["jpg", "png", "webp"].map((ext) => contentTypeFor(`x.${ext}`)),
    },
    {
      id: "thumbnails",
      name: "thumbnails",
      public: false,
      limit: String(5 * 1024 * 1024),
      types: [contentTypeFor("x.jpg")],
    },
    {
      id: "videos",
      name: "videos",
      public: false,
      limit: String(MAX_OUTPUT_BYTES),
      types: [contentTypeFor("x.mp4")],
    },
  ]);
});

test("applying the storage shim and the bucket migration again changes nothing, and a bucket set by hand is kept", async () => {
  await run();
  await target.rows("update storage.buckets set file_size_limit = 1234 where id = 'inputs'");
  const before = await target.rows("select * from storage.buckets order by id");
  for (const name of ["local/04_storage_shim.sql", "migrations/20261203000100_storage_buckets.sql"]) {
    await target.driver.exec(readFileSync(file(name), "utf8"));
  }
  expect(await target.rows("select * from storage.buckets order by id")).toEqual(before);
});

test("the catalog comes from the migrations alone, as `supabase db push` applies them (no seed)", async () => {
  writeFileSync(file("seed.sql"), "");
  await run();
  const { models, themes, products } = await catalog();
  expect([models.length, themes.length, products.length]).toEqual([8, 8, 5]); // as in 20261203000200_catalog.sql
  expect(models.every((m) => m.is_available)).toBe(true);
  expect(products.filter((p) => p.is_popular).map((p) => p.slug)).toEqual(["pack-50"]);
});

test("a database seeded before the catalog migration existed migrates cleanly and keeps its rows", async () => {
  // The layout before: no storage shim, no bucket, catalog or guest-cleanup migration, and the
  // catalog in seed.sql (the catalog migration holds that file's rows unchanged).
  const newFiles = [
    "local/04_storage_shim.sql",
    "migrations/20261203000100_storage_buckets.sql",
    "migrations/20261203000200_catalog.sql",
    "migrations/20261203000300_merged_guest_auth_user.sql",
  ];
  const saved = new Map(newFiles.map((name) => [name, readFileSync(file(name), "utf8")]));
  const seed = readFileSync(file("seed.sql"), "utf8");
  for (const name of newFiles) rmSync(file(name));
  writeFileSync(file("seed.sql"), saved.get("migrations/20261203000200_catalog.sql") as string);
  await run();
  const seeded = await catalog();
  expect(seeded.models.length).toBe(8);

  for (const [name, sql] of saved) writeFileSync(file(name), sql);
  writeFileSync(file("seed.sql"), seed);
  expect((await run()).applied).toEqual([...newFiles.map((name) => `supabase/${name}`), "supabase/seed.sql"]);
  expect(await catalog()).toEqual(seeded);
  expect((await buckets()).map((b) => b.id)).toEqual(["inputs", "thumbnails", "videos"]);
  expect(await run()).toMatchObject({ applied: [] });
});
