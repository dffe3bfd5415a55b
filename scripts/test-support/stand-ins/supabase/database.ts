import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";

export type Query = <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<{ rows: R[] }>;

/**
 * The database the stand-in keeps users and buckets in: real PostgreSQL through a pg pool, or
 * PGlite (PostgreSQL in WASM, one connection) for the unit and route tests. Both answer `query`
 * with `{ rows }`; a transaction runs on one connection, which on PGlite also keeps other
 * queries out until it ends.
 */
export type StandInDatabase = {
  query: Query;
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export function postgresDatabase(url: string): StandInDatabase {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("error", () => {}); // an idle connection closing at teardown is not a failure
  return {
    query: pgQuery(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("begin");
        const result = await work(pgQuery(client));
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback");
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

function pgQuery(client: pg.Pool | pg.PoolClient): Query {
  return async <R>(sql: string, params?: unknown[]) => ({
    rows: (await client.query(sql, params)).rows as R[],
  });
}

/** PGlite that the test owns: the stand-in does not close it. */
export function pgliteDatabase(db: PGlite): StandInDatabase {
  return {
    query: (sql, params) => db.query(sql, params),
    transaction: (work) => db.transaction((tx) => work((sql, params) => tx.query(sql, params))),
    close: async () => {},
  };
}
