import pg from "pg";
import type { MigrationDriver } from "./migrate";
import type { Rpc } from "./rpc";
import { sqlRpc } from "./sql-rpc";

/**
 * The Rpc port over a PostgreSQL server; every pooled connection acts as service_role. `max`:
 * the pool's size (the server passes config.databasePoolSize, sized for the machine).
 */
export function postgresRpc(connectionString: string, options: { max: number }): Rpc {
  const pool = new pg.Pool({ connectionString, max: options.max, options: "-c role=service_role" });
  pool.on("error", () => {
    // An idle client lost its connection; the pool replaces it and the next call reports errors.
  });
  return sqlRpc(
    (sql, params) => queryKeepingConnection(pool, sql, params),
    () => pool.end(),
  );
}

/**
 * One statement on a pooled connection. pool.query closes the connection when the statement
 * fails, so every refused call (bad input, no credits, a rate limit: our functions raise those)
 * would make the next one open a new connection; an error the server reports leaves it usable.
 */
async function queryKeepingConnection(pool: pg.Pool, sql: string, params: unknown[]): Promise<unknown> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on("error", onError);
  try {
    return (await client.query<{ result: unknown }>(sql, params)).rows[0]?.result;
  } catch (error) {
    if (!(error instanceof pg.DatabaseError)) broken ??= error as Error;
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}

/** A single connection as the URL's own (owner) role, for applying migrations. */
export async function withPostgresMigrationDriver<T>(
  connectionString: string,
  work: (driver: MigrationDriver) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const rows = async (sql: string, params?: unknown[]) =>
    (await client.query<Record<string, unknown>>(sql, params)).rows;
  const exec = async (sql: string) => {
    await client.query(sql);
  };
  try {
    return await work({
      exec,
      rows,
      transaction: async (job) => {
        await exec("begin");
        try {
          await job({ exec, rows });
          await exec("commit");
        } catch (error) {
          await exec("rollback");
          throw error;
        }
      },
    });
  } finally {
    await client.end();
  }
}
