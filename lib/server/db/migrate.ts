import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/**
 * Applies, in order and once each: supabase/local (only where Supabase is not underneath),
 * supabase/migrations (schema, storage buckets and the catalog), then supabase/seed.sql
 * (development-only data, as `supabase db reset` does). Applied files are tracked with a checksum:
 * a migration edited after it was applied is an error (write a new one instead); the local
 * shim and the seed are idempotent, so a changed one is simply applied again.
 */

export interface SqlSession {
  exec(sql: string): Promise<void>;
  rows(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}

export interface MigrationDriver extends SqlSession {
  transaction(work: (tx: SqlSession) => Promise<void>): Promise<void>;
}

type SqlFile = { name: string; kind: "local" | "migration" | "seed"; sql: string; checksum: string };

export type MigrationReport = { applied: string[]; skipped: number };

const MIGRATION_LOCK_ID = 727_073_690;

export async function migrate(
  driver: MigrationDriver,
  options: { includeLocal: boolean; root?: string; lock?: boolean },
): Promise<MigrationReport> {
  const files = await readSqlFiles(options.root ?? process.cwd(), options.includeLocal);
  if (options.lock) await driver.exec(`select pg_advisory_lock(${MIGRATION_LOCK_ID})`);
  try {
    await driver.exec(`
      create schema if not exists rendio_meta;
      create table if not exists rendio_meta.applied_sql (
        name text primary key,
        checksum text not null,
        applied_at timestamptz not null default now()
      );
      revoke all on schema rendio_meta from public;`);
    const done = new Map(
      (await driver.rows("select name, checksum from rendio_meta.applied_sql")).map((r) => [
        String(r.name),
        String(r.checksum),
      ]),
    );
    const applied: string[] = [];
    for (const file of files) {
      const previous = done.get(file.name);
      if (previous === file.checksum) continue;
      if (previous !== undefined && file.kind === "migration") {
        throw new Error(
          `Migration ${file.name} was changed after it was applied; add a new migration instead.`,
        );
      }
      await driver.transaction(async (tx) => {
        await tx.exec(file.sql);
        await tx.rows(
          `insert into rendio_meta.applied_sql (name, checksum) values ($1, $2)
           on conflict (name) do update set checksum = excluded.checksum, applied_at = now()`,
          [file.name, file.checksum],
        );
      });
      applied.push(file.name);
    }
    return { applied, skipped: files.length - applied.length };
  } finally {
    if (options.lock) await driver.exec(`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`);
  }
}

async function readSqlFiles(root: string, includeLocal: boolean): Promise<SqlFile[]> {
  const dir = async (relative: string, kind: SqlFile["kind"]) => {
    const names = (await readdir(path.join(root, relative))).filter((n) => n.endsWith(".sql")).sort();
    return Promise.all(names.map((n) => readSqlFile(root, `${relative}/${n}`, kind)));
  };
  return [
    ...(includeLocal ? await dir("supabase/local", "local") : []),
    ...(await dir("supabase/migrations", "migration")),
    await readSqlFile(root, "supabase/seed.sql", "seed"),
  ];
}

async function readSqlFile(root: string, name: string, kind: SqlFile["kind"]): Promise<SqlFile> {
  const sql = await readFile(path.join(root, name), "utf8");
  return { name, kind, sql, checksum: createHash("sha256").update(sql).digest("hex") };
}
