import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import type { MigrationDriver } from "./migrate";
import type { Rpc } from "./rpc";
import { sqlRpc } from "./sql-rpc";

/** Opens PGlite: persistent under `dataDir`, in memory without it, or from a dumped data dir. */
export async function openPglite(source: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<PGlite> {
  if (source.dataDir) await mkdir(source.dataDir, { recursive: true });
  return PGlite.create({ dataDir: source.dataDir, loadDataDir: source.loadDataDir });
}

/** The Rpc port over PGlite; each call is its own transaction as service_role. */
export function pgliteRpc(db: PGlite): Rpc {
  return sqlRpc(
    (sql, params) =>
      db.transaction(async (tx) => {
        await tx.exec("set local role service_role");
        const result = await tx.query<{ result: unknown }>(sql, params);
        return result.rows[0]?.result;
      }),
    () => db.close(),
  );
}

export function pgliteMigrationDriver(db: PGlite): MigrationDriver {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    rows: async (sql, params) => (await db.query<Record<string, unknown>>(sql, params)).rows,
    transaction: async (work) => {
      await db.transaction(async (tx) =>
        work({
          exec: async (sql) => {
            await tx.exec(sql);
          },
          rows: async (sql, params) => (await tx.query<Record<string, unknown>>(sql, params)).rows,
        }),
      );
    },
  };
}
