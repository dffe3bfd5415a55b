import path from "node:path";
import { type Config, getConfig } from "../config";
import { migrate } from "./migrate";
import { pgErrorFields, type Rpc, toAppError } from "./rpc";

export type { Rpc } from "./rpc";

/**
 * Opens the database of the configured mode, applying migrations first where we own the schema.
 * Only the mode's own adapter is loaded.
 */
export async function openDatabase(config: Config): Promise<Rpc> {
  switch (config.mode) {
    case "embedded": {
      const { openPglite, pgliteMigrationDriver, pgliteRpc } = await import("./pglite");
      const db = await openPglite({ dataDir: path.resolve(config.dataDir, "pglite") });
      await migrate(pgliteMigrationDriver(db), { includeLocal: true });
      return pgliteRpc(db);
    }
    case "postgres": {
      const { postgresRpc, withPostgresMigrationDriver } = await import("./postgres");
      const url = config.databaseUrl as string;
      await withPostgresMigrationDriver(url, (driver) => migrate(driver, { includeLocal: true, lock: true }));
      return postgresRpc(url, { max: config.databasePoolSize });
    }
    case "supabase": {
      // Supabase's schema is applied with `supabase db push`, never by the app.
      const { supabaseRpc } = await import("./supabase");
      const supabase = config.supabase as NonNullable<Config["supabase"]>;
      return supabaseRpc({ url: supabase.url, secretKey: supabase.secretKey });
    }
  }
}

// One database per server process, kept on globalThis so dev-server hot reloads reuse it
// (a second PGlite on the same directory would corrupt it).
const holder = globalThis as typeof globalThis & { __rendioRpc?: Promise<Rpc> };

export function getRpc(): Promise<Rpc> {
  holder.__rendioRpc ??= openDatabase(getConfig()).catch((error) => {
    holder.__rendioRpc = undefined;
    // An unreachable server is a 503 the caller may retry; anything else is a bug.
    throw toAppError(pgErrorFields(error), error) ?? error;
  });
  return holder.__rendioRpc;
}
