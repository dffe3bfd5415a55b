import { randomUUID } from "node:crypto";
import pg from "pg";
import { migrate } from "../../../lib/server/db/migrate";
import { withPostgresMigrationDriver } from "../../../lib/server/db/postgres";
import { type Cluster, startCluster, withDatabase } from "../db/postgres-cluster";
import { freePort } from "./server";

/**
 * A fresh PostgreSQL database with every migration and the local Supabase shim applied, for a
 * spec that runs the app over a Supabase stand-in. It is made on DATABASE_URL's server when one
 * is given (as CI may), otherwise on a throwaway cluster of the machine's server binaries.
 */
export type MigratedDatabase = { url: string; stop(): Promise<void> };

export async function startMigratedDatabase(): Promise<MigratedDatabase> {
  const cluster: Cluster | undefined = process.env.DATABASE_URL ? undefined : startCluster(await freePort());
  const serverUrl = cluster?.url ?? (process.env.DATABASE_URL as string);
  const name = `rendio_e2e_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await asAdmin(serverUrl, (admin) => admin.query(`create database ${name}`));
  const url = withDatabase(serverUrl, name);
  await withPostgresMigrationDriver(url, (driver) => migrate(driver, { includeLocal: true }));
  return {
    url,
    async stop() {
      if (cluster) return cluster.stop();
      await asAdmin(serverUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function asAdmin<T>(url: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
