import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { migrate } from "../../../lib/server/db/migrate";
import { pgliteMigrationDriver } from "../../../lib/server/db/pglite";

declare module "vitest" {
  export interface ProvidedContext {
    /** A dumped PGlite, migrated and seeded: each test file starts from it. */
    pgliteTemplate: string;
    /** A dumped PGlite as initdb leaves it, for the migration runner's own tests. */
    pgliteEmpty: string;
  }
}

/**
 * Dumps two PGlite data directories the test files start from: one migrated (supabase/local
 * included) and one empty. Loading a dump is much cheaper than initdb. They are built once per
 * run for every project that uses them, and kept under .test-data named by a hash of what went
 * into them (the SQL files and PGlite's version), so the next run reuses them until one changes.
 *
 * Two settings make each of the hundred-odd loads cheaper, neither changing what SQL does:
 * 1 MB WAL segments (initdb's default 16 MB is a zero-filled file in every dump) and 16 MB of
 * shared buffers (PGlite zero-fills all of them, 128 MB by default, at every start).
 */
export default async function setup(project: TestProject) {
  const holder = globalThis as { __pgliteTemplates?: Promise<Templates> };
  holder.__pgliteTemplates ??= buildTemplates();
  const { migrated, empty } = await holder.__pgliteTemplates;
  project.provide("pgliteTemplate", migrated);
  project.provide("pgliteEmpty", empty);
}

type Templates = { migrated: string; empty: string };

const DIR = path.resolve(".test-data");
const SETTINGS = { initDbStartParams: ["--wal-segsize=1"], sharedBuffers: "16MB" };

async function buildTemplates(): Promise<Templates> {
  const key = templateKey();
  const migrated = path.join(DIR, `pglite-${key}-migrated.tar`);
  const empty = path.join(DIR, `pglite-${key}-empty.tar`);
  if (existsSync(migrated) && existsSync(empty)) return { migrated, empty };

  mkdirSync(DIR, { recursive: true });
  for (const name of readdirSync(DIR)) if (/^pglite-.*\.tar$/.test(name)) rmSync(path.join(DIR, name));
  const db = await PGlite.create({ initDbStartParams: SETTINGS.initDbStartParams });
  await db.exec(`alter system set shared_buffers = '${SETTINGS.sharedBuffers}'`);
  await write(db, empty);
  await migrate(pgliteMigrationDriver(db), { includeLocal: true });
  await write(db, migrated);
  await db.close();
  return { migrated, empty };
}

async function write(db: PGlite, file: string): Promise<void> {
  const dump = await db.dumpDataDir("none");
  writeFileSync(`${file}.part`, Buffer.from(await dump.arrayBuffer()));
  renameSync(`${file}.part`, file);
}

/** A hash of everything a template is made of. */
function templateKey(): string {
  const hash = createHash("sha256");
  const pglite = JSON.parse(readFileSync("node_modules/@electric-sql/pglite/package.json", "utf8"));
  hash.update(`${pglite.version}\n${JSON.stringify(SETTINGS)}\n`);
  const sqlDirs = ["supabase/local", "supabase/migrations"];
  const files = [
    ...sqlDirs.flatMap((dir) =>
      readdirSync(dir)
        .filter((name) => name.endsWith(".sql"))
        .sort()
        .map((name) => path.join(dir, name)),
    ),
    "supabase/seed.sql",
  ];
  for (const file of files) hash.update(`${file}\n${readFileSync(file, "utf8")}\n`);
  return hash.digest("hex").slice(0, 16);
}
