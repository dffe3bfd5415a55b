import { readFileSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import { inject } from "vitest";
import { migrate } from "../../../lib/server/db/migrate";
import { openPglite, pgliteMigrationDriver } from "../../../lib/server/db/pglite";

/**
 * A migrated PGlite (supabase/local included) for the stand-in to keep its users and buckets
 * in: from the project's template when it has one (the routes project), else migrated here.
 */
export async function migratedPglite(): Promise<PGlite> {
  const template = inject("pgliteTemplate");
  if (template) return openPglite({ loadDataDir: new Blob([readFileSync(template)]) });
  const db = await openPglite();
  await migrate(pgliteMigrationDriver(db), { includeLocal: true });
  return db;
}
