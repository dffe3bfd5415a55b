import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "../../../lib/server/db/migrate";
import { withPostgresMigrationDriver } from "../../../lib/server/db/postgres";
import { type Cluster, startCluster, withDatabase } from "./postgres-cluster";

export const TEMPLATE_DATABASE = "rendio_template";

/**
 * Uses DATABASE_URL when given (a server the tests may create databases on), otherwise starts a
 * throwaway cluster; migrates a template database every test file copies, and stops the cluster.
 */
export default async function setup(project: TestProject) {
  let cluster: Cluster | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    cluster = startCluster();
    url = cluster.url;
    console.log(`[db-postgres] started a throwaway PostgreSQL cluster at ${url}`);
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const version = (await admin.query("show server_version")).rows[0].server_version;
  console.log(`[db-postgres] PostgreSQL ${version}`);
  await admin.query(`drop database if exists ${TEMPLATE_DATABASE}`);
  await admin.query(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();
  await withPostgresMigrationDriver(withDatabase(url, TEMPLATE_DATABASE), (driver) =>
    migrate(driver, { includeLocal: true, lock: true }),
  );
  project.provide("postgresUrl", url);
  const serverUrl = url;
  return async () => {
    if (cluster) return cluster.stop();
    await dropTestDatabases(serverUrl);
  };
}

/** On a server we did not start, remove the databases the test files created. */
async function dropTestDatabases(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(
    "select datname from pg_database where datname like 'rendio\\_test\\_%' or datname like 'rendio\\_empty\\_%'",
  );
  for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
  await admin.query(`drop database if exists ${TEMPLATE_DATABASE}`);
  await admin.end();
}
