// The database figures of `npm run bench` (printed, never asserted), on PGlite (embedded) and on a
// real PostgreSQL server (a throwaway cluster unless DATABASE_URL is set):
// - generate_video sequentially and with 20 users in flight, and list_jobs over pending jobs;
// - history at scale: list_jobs for one user with 100 and with 10,000 jobs, its first page and
//   its last, and the ratio (an index range scan keeps it near 1).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { defaultDatabasePoolSize } from "../../lib/server/config";
import * as r from "../../lib/server/db/functions";
import { migrate } from "../../lib/server/db/migrate";
import { openPglite, pgliteMigrationDriver, pgliteRpc } from "../../lib/server/db/pglite";
import { postgresRpc, withPostgresMigrationDriver } from "../../lib/server/db/postgres";
import type { Rpc } from "../../lib/server/db/rpc";
import { startCluster, withDatabase } from "../test-support/db/postgres-cluster";

type Sql = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

// Long enough for a steady state: with 400 calls (under half a second per row) the parallel ÷
// sequential ratio swung between 1.15× and 1.8× from one quiet run to the next.
const CALLS = 2000;
// A row still lasts only 1–3 s, so one busy moment of the machine moved the ratio from 1.38× to
// 1.67× between runs: both rows are measured in turn, in rounds, and the median round counts.
const ROUNDS = 3;
const HISTORY_READS = 200;
const SMALL_HISTORY = 100;
const LARGE_HISTORY = 10_000;

export type HistoryFigures = { firstPageMs: number; lastPageMs: number };

export type EngineFigures = {
  /** generate_video calls per second, one at a time (the round with the median ratio). */
  sequential: number;
  /** generate_video calls per second, 20 users at once (the same round). */
  parallel: number;
  /** list_jobs calls per second over a page of 20 pending jobs. */
  reads: number;
  /** Median milliseconds per list_jobs call for one user with 100 and with 10,000 jobs. */
  history: { small: HistoryFigures; large: HistoryFigures };
};

export type DatabaseFigures = { pglite: EngineFigures; postgres: EngineFigures };

function label(engine: string, what: string): string {
  return `${engine.padEnd(10)} ${what.padEnd(44)}`;
}

async function perSecond(engine: string, what: string, run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  const rate = CALLS / ((performance.now() - started) / 1000);
  console.log(`${label(engine, what)} ${rate.toFixed(0).padStart(7)} calls/s`);
  return rate;
}

/**
 * Median milliseconds per call of each of `calls`, run in turns so that the machine's load
 * weighs on them alike.
 */
async function medianMs(calls: (() => Promise<unknown>)[]): Promise<number[]> {
  const times = calls.map((): number[] => []);
  for (let i = 0; i < 10; i++) for (const call of calls) await call(); // warm: plans cached, pages read
  for (let i = 0; i < HISTORY_READS; i++)
    for (const [n, call] of calls.entries()) {
      const started = performance.now();
      await call();
      times[n]?.push(performance.now() - started);
    }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)] as number);
}

async function newUser(rpc: Rpc, sql: Sql): Promise<string> {
  const id = randomUUID();
  await sql("insert into auth.users (id, is_anonymous) values ($1, true)", [id]);
  await rpc.call("onboard_user", { p_user_id: id }, r.onboardResult);
  await sql("update public.users set credits = 1000000 where id = $1", [id]);
  return id;
}

/** A user with `count` finished videos, one a minute back from now, as a long-time user has. */
async function userWithHistory(rpc: Rpc, sql: Sql, modelId: string, count: number): Promise<string> {
  const user = await newUser(rpc, sql);
  await sql(
    `insert into public.video_jobs (user_id, model_id, prompt, duration_seconds, resolution, aspect_ratio,
       audio, status, progress, credits_used, provider, provider_model_id, video_path, created_at,
       started_at, completed_at, deadline_at, expires_at)
     select $1::uuid, m.id, 'history ' || n, 5, '480p', '16:9', false, 'completed', 1, 3, 'local',
       m.provider_model_id, 'videos/' || $1::text || '/' || n || '.mp4', now() - n * interval '1 minute',
       now() - n * interval '1 minute', now() - n * interval '1 minute' + interval '30 seconds',
       now() - n * interval '1 minute' + interval '30 minutes', now() + interval '7 days'
     from public.models m, generate_series(1, $3::integer) n where m.id = $2::uuid`,
    [user, modelId, count],
  );
  return user;
}

/** list_jobs for a user with SMALL_HISTORY and one with LARGE_HISTORY jobs: first and last page. */
async function historyFigures(engine: string, rpc: Rpc, sql: Sql, small: string, large: string) {
  // The cursor of a user's last page: the job right before the oldest 20.
  const lastCursor = async (user: string) => {
    const [row] = await sql(
      `select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '_' || id as cursor
       from public.video_jobs where user_id = $1 order by created_at, id offset 20 limit 1`,
      [user],
    );
    return row?.cursor;
  };
  const page = (user: string, cursor?: unknown) => () =>
    rpc.call("list_jobs", { p_user_id: user, p_cursor: cursor }, r.jobPageResult);
  const [smallFirst, largeFirst, smallLast, largeLast] = await medianMs([
    page(small),
    page(large),
    page(small, await lastCursor(small)),
    page(large, await lastCursor(large)),
  ]);
  const figures = {
    small: { firstPageMs: smallFirst as number, lastPageMs: smallLast as number },
    large: { firstPageMs: largeFirst as number, lastPageMs: largeLast as number },
  };
  for (const [count, { firstPageMs, lastPageMs }] of [
    [SMALL_HISTORY, figures.small],
    [LARGE_HISTORY, figures.large],
  ] as const) {
    console.log(
      `${label(engine, `list_jobs first page, ${count} jobs`)} ${firstPageMs.toFixed(2).padStart(7)} ms`,
    );
    console.log(
      `${label(engine, `list_jobs last page, ${count} jobs`)} ${lastPageMs.toFixed(2).padStart(7)} ms`,
    );
  }
  return figures;
}

async function engineFigures(engine: string, rpc: Rpc, sql: Sql): Promise<EngineFigures> {
  const { models } = await rpc.call("list_catalog", { p_locale: "en" }, r.catalogResult);
  const model = models.find((m) => m.inputs.image === "none");
  if (!model) throw new Error("no text-to-video model seeded");
  const users: string[] = [];
  for (let i = 0; i < 20; i++) users.push(await newUser(rpc, sql));
  const user = users[0] as string;
  const generate = (by = user) =>
    rpc.call(
      "generate_video",
      { p_user_id: by, p_idempotency_key: randomUUID(), p_model_id: model.id, p_prompt: "bench" },
      r.generateResult,
    );
  // Warm, as a running server's pool is: every connection open and its functions compiled (a
  // new PostgreSQL connection compiles each PL/pgSQL function at its first call).
  for (let i = 0; i < 3; i++) await Promise.all(users.map((u) => generate(u)));
  const rounds: { sequential: number; parallel: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const sequential = await perSecond(
      engine,
      `generate_video, sequential (${round}/${ROUNDS})`,
      async () => {
        for (let i = 0; i < CALLS; i++) await generate();
      },
    );
    // 20 different users at once (one user's calls are serialised by its row lock by design).
    const parallel = await perSecond(
      engine,
      `generate_video, 20 users in flight (${round}/${ROUNDS})`,
      async () => {
        for (let i = 0; i < CALLS; i += 20) await Promise.all(users.map((u) => generate(u)));
      },
    );
    rounds.push({ sequential, parallel });
  }
  const byRatio = [...rounds].sort((a, b) => a.parallel / a.sequential - b.parallel / b.sequential);
  const { sequential, parallel } = byRatio[Math.floor(byRatio.length / 2)] as (typeof rounds)[number];
  // Every bench job is still pending, as are the 400 others in the system.
  const reads = await perSecond(engine, "list_jobs (20 pending per page)", async () => {
    for (let i = 0; i < CALLS; i++) await rpc.call("list_jobs", { p_user_id: user }, r.jobPageResult);
  });

  const small = await userWithHistory(rpc, sql, model.id, SMALL_HISTORY);
  const large = await userWithHistory(rpc, sql, model.id, LARGE_HISTORY);
  await sql("analyze public.video_jobs");
  return {
    sequential,
    parallel,
    reads,
    history: await historyFigures(engine, rpc, sql, small, large),
  };
}

async function pgliteFigures(): Promise<EngineFigures> {
  const lite = await openPglite();
  try {
    await migrate(pgliteMigrationDriver(lite), { includeLocal: true });
    return await engineFigures("pglite", pgliteRpc(lite), async (text, params) => {
      return (await lite.query<Record<string, unknown>>(text, params)).rows;
    });
  } finally {
    await lite.close();
  }
}

async function postgresFigures(): Promise<EngineFigures> {
  const cluster = process.env.DATABASE_URL ? undefined : startCluster();
  const serverUrl = process.env.DATABASE_URL ?? (cluster?.url as string);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const database = `rendio_bench_${Date.now()}`;
  try {
    await admin.query(`create database ${database}`);
    const url = withDatabase(serverUrl, database);
    await withPostgresMigrationDriver(url, (driver) => migrate(driver, { includeLocal: true, lock: true }));
    const superuser = new pg.Pool({ connectionString: url });
    superuser.on("error", () => {}); // connections end as the database is dropped
    // The server's own pool, as it sizes it for a database on this machine.
    const poolSize = defaultDatabasePoolSize();
    console.log(`postgres   pool: ${poolSize} connections (twice this machine's cores, plus one)`);
    const rpc = postgresRpc(url, { max: poolSize });
    try {
      return await engineFigures("postgres", rpc, async (text, params) => {
        return (await superuser.query<Record<string, unknown>>(text, params)).rows;
      });
    } finally {
      await rpc.close();
      await superuser.end();
    }
  } finally {
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
    cluster?.stop();
  }
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

/** Runs the database benchmarks on both engines, prints their figures and ratios, returns them. */
export async function databaseFigures(): Promise<DatabaseFigures> {
  const embedded = await pgliteFigures();
  const server = await postgresFigures();
  console.log(
    `\npostgres / pglite: sequential ${ratio(server.sequential, embedded.sequential)}, ` +
      `20 in flight ${ratio(server.parallel, embedded.parallel)}, reads ${ratio(server.reads, embedded.reads)}`,
  );
  console.log(`postgres: 20 in flight / sequential ${ratio(server.parallel, server.sequential)}`);
  for (const [engine, figures] of [
    ["pglite", embedded],
    ["postgres", server],
  ] as const) {
    const { small, large } = figures.history;
    console.log(
      `${engine}: list_jobs ${LARGE_HISTORY} jobs / ${SMALL_HISTORY} jobs: ` +
        `first page ${ratio(large.firstPageMs, small.firstPageMs)}, last page ${ratio(large.lastPageMs, small.lastPageMs)}`,
    );
  }
  return { pglite: embedded, postgres: server };
}
