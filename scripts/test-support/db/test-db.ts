import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import type { MigrationDriver } from "../../../lib/server/db/migrate";
import { openPglite, pgliteMigrationDriver, pgliteRpc } from "../../../lib/server/db/pglite";
import { postgresRpc } from "../../../lib/server/db/postgres";
import type { Rpc } from "../../../lib/server/db/rpc";
import { supabaseRpc } from "../../../lib/server/db/supabase";
import { type SupabaseStandIn, startSupabaseStandIn } from "../stand-ins/supabase";
import { TEMPLATE_DATABASE } from "./global-postgres";
import { withDatabase } from "./postgres-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    dbTarget: "pglite" | "postgres" | "supabase";
    postgresUrl: string;
  }
}

type Row = Record<string, unknown>;
type Query = (sql: string, params?: unknown[]) => Promise<Row[]>;

/** A fresh, migrated and seeded database for one test file, reached the way the app reaches it. */
export type TestDb = {
  target: "pglite" | "postgres" | "supabase";
  /** The adapter under test. */
  rpc: Rpc;
  /** Superuser access, for arranging and inspecting state. */
  sql: Query;
  /** Runs `work` as an API role with the given user's JWT claims, then rolls everything back. */
  asRole<T>(
    role: "anon" | "authenticated",
    userId: string | null,
    work: (query: Query) => Promise<T>,
  ): Promise<T>;
  /** Runs `work` as superuser in one transaction on one connection, then rolls everything back. */
  inTransaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  /** PostgreSQL target only: this file's database. */
  url?: string;
  /** Supabase target only: the Supabase stand-in supabase-js talks to, with the requests it got. */
  standIn?: SupabaseStandIn;
  close(): Promise<void>;
};

export async function openTestDb(): Promise<TestDb> {
  const target = inject("dbTarget");
  return target === "postgres" ? openPostgres() : openPglite_(target);
}

async function openPglite_(target: "pglite" | "supabase"): Promise<TestDb> {
  const db = await openPglite({ loadDataDir: new Blob([readFileSync(inject("pgliteTemplate"))]) });
  const sql: Query = async (text, params) => (await db.query<Row>(text, params)).rows;
  // The supabase target: supabaseRpc over HTTP to the stand-in, which runs the RPCs on this PGlite.
  const standIn = target === "supabase" ? await startSupabaseStandIn({ pglite: db }) : undefined;
  const rpc = standIn ? supabaseRpc({ url: standIn.url, secretKey: standIn.secretKey }) : pgliteRpc(db);
  return {
    target,
    rpc,
    sql,
    standIn,
    asRole: (role, userId, work) =>
      db.transaction(async (tx) => {
        await tx.query("select set_config('request.jwt.claims', $1, true)", [claims(role, userId)]);
        await tx.exec(`set local role ${role}`);
        const result = await work(async (text, params) => (await tx.query<Row>(text, params)).rows);
        await tx.rollback();
        return result;
      }),
    inTransaction: (work) =>
      db.transaction(async (tx) => {
        const result = await work(async (text, params) => (await tx.query<Row>(text, params)).rows);
        await tx.rollback();
        return result;
      }),
    close: async () => {
      if (standIn) {
        await rpc.close();
        await standIn.close();
      }
      await db.close();
    },
  };
}

async function openPostgres(): Promise<TestDb> {
  const serverUrl = inject("postgresUrl");
  const name = `rendio_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${TEMPLATE_DATABASE}`);
  const url = withDatabase(serverUrl, name);
  const superuser = new pg.Pool({ connectionString: url, max: 4 });
  superuser.on("error", () => {}); // an idle connection closing at teardown is not a test failure
  const rpc = postgresRpc(url, { max: 20 });
  return {
    target: "postgres",
    url,
    rpc,
    sql: async (text, params) => (await superuser.query<Row>(text, params)).rows,
    asRole: async (role, userId, work) => {
      const client = await superuser.connect();
      try {
        await client.query("begin");
        await client.query("select set_config('request.jwt.claims', $1, true)", [claims(role, userId)]);
        await client.query(`set local role ${role}`);
        return await work(async (text, params) => (await client.query<Row>(text, params)).rows);
      } finally {
        await client.query("rollback");
        client.release();
      }
    },
    inTransaction: async (work) => {
      const client = await superuser.connect();
      try {
        await client.query("begin");
        return await work(async (text, params) => (await client.query<Row>(text, params)).rows);
      } finally {
        await client.query("rollback");
        client.release();
      }
    },
    // The database itself is dropped by the global teardown, once no connection is closing.
    close: async () => {
      await rpc.close();
      await superuser.end();
      await admin.end();
    },
  };
}

function claims(role: string, userId: string | null): string {
  return JSON.stringify(userId ? { sub: userId, role, is_anonymous: false } : { role });
}

/** An empty database of the current target (no migrations), for testing the migration runner. */
export async function openEmptyMigrationTarget(): Promise<{
  driver: MigrationDriver;
  rows: Query;
  close: () => Promise<void>;
}> {
  if (inject("dbTarget") !== "postgres") {
    // As initdb leaves a data directory (dumped once by global-pglite.ts).
    const db = await openPglite({ loadDataDir: new Blob([readFileSync(inject("pgliteEmpty"))]) });
    return {
      driver: pgliteMigrationDriver(db),
      rows: async (text, params) => (await db.query<Row>(text, params)).rows,
      close: () => db.close(),
    };
  }
  const serverUrl = inject("postgresUrl");
  const name = `rendio_empty_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, name) });
  await client.connect();
  const rows: Query = async (text, params) => (await client.query<Row>(text, params)).rows;
  return {
    rows,
    driver: {
      exec: async (text) => {
        await client.query(text);
      },
      rows,
      transaction: async (work) => {
        await client.query("begin");
        try {
          await work({ exec: async (text) => void (await client.query(text)), rows });
          await client.query("commit");
        } catch (error) {
          await client.query("rollback");
          throw error;
        }
      },
    },
    close: async () => {
      await client.end();
      await admin.end();
    },
  };
}
