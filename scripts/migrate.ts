// `npm run db:migrate`: applies pending migrations to the configured database and says what ran.
import { describeConfig, getConfig } from "../lib/server/config";
import { migrate } from "../lib/server/db/migrate";

const config = getConfig();
console.log(describeConfig(config));
if (config.mode === "supabase") {
  console.log(
    "Supabase mode: apply supabase/migrations with `supabase db push` (schema, storage buckets and catalog; no seed needed).",
  );
} else if (config.mode === "postgres") {
  const { withPostgresMigrationDriver } = await import("../lib/server/db/postgres");
  const report = await withPostgresMigrationDriver(config.databaseUrl as string, (driver) =>
    migrate(driver, { includeLocal: true, lock: true }),
  );
  console.log(report.applied.length ? `applied: ${report.applied.join(", ")}` : "nothing to apply");
} else {
  const path = await import("node:path");
  const { openPglite, pgliteMigrationDriver } = await import("../lib/server/db/pglite");
  const db = await openPglite({ dataDir: path.resolve(config.dataDir, "pglite") });
  const report = await migrate(pgliteMigrationDriver(db), { includeLocal: true });
  await db.close();
  console.log(report.applied.length ? `applied: ${report.applied.join(", ")}` : "nothing to apply");
}
