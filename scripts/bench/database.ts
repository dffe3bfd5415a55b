// Database throughput figures and ratios (printed, never asserted). Generation is measured on
// PGlite (embedded) and on a real PostgreSQL server (a throwaway cluster unless DATABASE_URL is
// set), sequentially and with 20 calls in flight.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { migrate } from "../../lib/server/db/migrate";
import { openPglite, pgliteMigrationDriver, pgliteRpc } from "../../lib/server/db/pglite";
import { postgresRpc, withPostgresMigrationDriver } from "../../lib/server/db/postgres";
import * as r from "../../lib/server/db/results";
import type { Rpc } from "../../lib/server/db/rpc";
import { startCluster, withDatabase } from "../../supabase/tests/support/postgres-cluster";

type Sql = (text: string, params?: unknown[]) => Promise<unknown>;
const CALLS = 400;

/** Calls per second of each workload on one database. */
export type DatabaseRates = { sequential: number; parallel: number; reads: number };

async function bench(name: string, rpc: Rpc, sql: Sql): Promise<DatabaseRates> {
  const { models } = await rpc.call("list_catalog", { p_locale: "en" }, r.catalogResult);
  const model = models.find((m) => m.inputs.image === "none");
  if (!model) throw new Error("no text-to-video model seeded");
  const users: string[] = [];
  for (let i = 0; i < 20; i++) {
    const id = randomUUID();
    await sql("insert into auth.users (id, is_anonymous) values ($1, true)", [id]);
    await rpc.call("onboard_user", { p_user_id: id }, r.onboardResult);
    await sql("update public.users set credits = 1000000 where id = $1", [id]);
    users.push(id);
  }
  const user = users[0] as string;
  const generate = (by = user) =>
    rpc.call(
      "generate_video",
      { p_user_id: by, p_idempotency_key: randomUUID(), p_model_id: model.id, p_prompt: "bench" },
      r.generateResult,
    );
  const time = async (label: string, run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    const ms = performance.now() - started;
    console.log(
      `${name.padEnd(10)} ${label.padEnd(34)} ${(CALLS / (ms / 1000)).toFixed(0).padStart(6)} calls/s`,
    );
    return CALLS / (ms / 1000);
  };
  const sequential = await time("generate_video, sequential", async () => {
    for (let i = 0; i < CALLS; i++) await generate();
  });
  // 20 different users at once (one user's calls are serialised by its row lock by design).
  const parallel = await time("generate_video, 20 users in flight", async () => {
    for (let i = 0; i < CALLS; i += 20) await Promise.all(users.map((u) => generate(u)));
  });
  // Every bench job is still pending, so each row also counts its queue position: a worst case.
  const reads = await time("list_jobs (20 pending per page)", async () => {
    for (let i = 0; i < CALLS; i++) await rpc.call("list_jobs", { p_user_id: user }, r.jobPageResult);
  });
  return { sequential, parallel, reads };
}

/** Prints the figures of PGlite and of PostgreSQL, and their ratios; returns the rates. */
export async function databaseFigures(): Promise<{ pglite: DatabaseRates; postgres: DatabaseRates }> {
  const lite = await openPglite();
  await migrate(pgliteMigrationDriver(lite), { includeLocal: true });
  const embedded = await bench("pglite", pgliteRpc(lite), (text, params) => lite.query(text, params));
  await lite.close();

  const cluster = process.env.DATABASE_URL ? undefined : startCluster();
  const serverUrl = process.env.DATABASE_URL ?? (cluster?.url as string);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const database = `rendio_bench_${Date.now()}`;
  await admin.query(`create database ${database}`);
  const url = withDatabase(serverUrl, database);
  await withPostgresMigrationDriver(url, (driver) => migrate(driver, { includeLocal: true, lock: true }));
  const superuser = new pg.Pool({ connectionString: url });
  superuser.on("error", () => {}); // connections end as the database is dropped
  const rpc = postgresRpc(url, { max: 20 });
  const server = await bench("postgres", rpc, (text, params) => superuser.query(text, params));
  await rpc.close();
  await superuser.end();
  await admin.query(`drop database ${database} with (force)`);
  await admin.end();
  cluster?.stop();

  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  console.log(
    `\npostgres / pglite: sequential ${ratio(server.sequential, embedded.sequential)}, ` +
      `20 in flight ${ratio(server.parallel, embedded.parallel)}, reads ${ratio(server.reads, embedded.reads)}`,
  );
  console.log(`postgres: 20 in flight / sequential ${ratio(server.parallel, server.sequential)}`);
  return { pglite: embedded, postgres: server };
}
