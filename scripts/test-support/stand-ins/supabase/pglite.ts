import { readFileSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import { inject } from "vitest";
import { openPglite } from "../../../../lib/server/db/pglite";

/**
 * A migrated PGlite (supabase/local included) for the stand-in to keep its users and buckets
 * in, loaded from the suite's template (scripts/test-support/db/global-pglite.ts).
 */
export async function migratedPglite(): Promise<PGlite> {
  return openPglite({ loadDataDir: new Blob([readFileSync(inject("pgliteTemplate"))]) });
}
