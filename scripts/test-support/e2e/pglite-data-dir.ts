import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { migrate } from "../../../lib/server/db/migrate";
import { openPglite, pgliteMigrationDriver } from "../../../lib/server/db/pglite";

/**
 * A migrated embedded database for the e2e servers, made once and copied: initdb and the
 * migrations are most of a fresh embedded server's start (about 10 s of CPU, several times that
 * on a busy machine), and the suite starts several. The template is what a fresh server makes
 * itself (the app's own openPglite and migrate, the same settings), kept under .test-data named
 * by a hash of what goes into it, so later runs reuse it until the SQL or PGlite changes. The
 * server still runs its migrations at start; they find every file applied.
 */

const ROOT = path.resolve(".test-data");
const PREFIX = "e2e-pglite-";

/** Puts a migrated database where an embedded server with DATA_DIR=`dataDir` looks for it. */
export async function copyMigratedDatabase(dataDir: string): Promise<void> {
  const template = await migratedTemplate();
  cpSync(template, path.join(dataDir, "pglite"), { recursive: true });
}

async function migratedTemplate(): Promise<string> {
  const template = path.join(ROOT, `${PREFIX}${templateKey()}`);
  if (existsSync(template)) return template;
  mkdirSync(ROOT, { recursive: true });
  for (const name of readdirSync(ROOT)) {
    if (name.startsWith(PREFIX)) rmSync(path.join(ROOT, name), { recursive: true, force: true });
  }
  const part = `${template}.part-${process.pid}`;
  const db = await openPglite({ dataDir: part });
  await migrate(pgliteMigrationDriver(db), { includeLocal: true });
  await db.close();
  try {
    renameSync(part, template);
  } catch (error) {
    // Another process made it first: theirs is the same.
    rmSync(part, { recursive: true, force: true });
    if (!existsSync(template)) throw error;
  }
  return template;
}

/** A hash of everything the template is made of: PGlite's version and the SQL the migrations apply. */
function templateKey(): string {
  const hash = createHash("sha256");
  const pglite = JSON.parse(readFileSync("node_modules/@electric-sql/pglite/package.json", "utf8"));
  hash.update(`${pglite.version}\n`);
  const files = ["supabase/local", "supabase/migrations"].flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith(".sql"))
      .sort()
      .map((name) => path.join(dir, name)),
  );
  for (const file of [...files, "supabase/seed.sql"]) hash.update(`${file}\n${readFileSync(file, "utf8")}\n`);
  return hash.digest("hex").slice(0, 16);
}
