import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as r from "../../lib/server/db/functions";
import { createUser, expectLedgerMatchesBalances, modelBySlug } from "../../scripts/test-support/db/fixtures";
import { openTestDb, type TestDb } from "../../scripts/test-support/db/test-db";

/**
 * Job reads at scale (migration 20261205000100): reading a job costs the same however many jobs
 * the system and its user hold. What a read costs is counted in rows: the video_jobs rows and
 * index entries the transaction's own statistics say it read, under a generic plan (what a
 * connection ends up using for a function's queries once it has run them a few times).
 */

const HISTORY = 10_000;
const OTHERS_PENDING = 300;

let db: TestDb;
let longtime: string;
beforeAll(async () => {
  db = await openTestDb();
  const model = await modelBySlug(db, "ltx");
  // Other people's jobs waiting to start, and one user with a long history of finished videos.
  for (let i = 0; i < 3; i++) await addJobs(await createUser(db), model.id, OTHERS_PENDING / 3, "pending");
  longtime = await createUser(db);
  await addJobs(longtime, model.id, HISTORY, "completed");
  await db.sql("analyze public.video_jobs");
});
afterAll(async () => {
  await expectLedgerMatchesBalances(db);
  await db.close();
});

/** `count` jobs of `user`, one a minute further back from now each (jobs 1..count), as stored. */
async function addJobs(user: string, modelId: string, count: number, status: "pending" | "completed") {
  await db.sql(
    `insert into public.video_jobs (user_id, model_id, prompt, duration_seconds, resolution, aspect_ratio,
       audio, status, credits_used, provider, provider_model_id, video_path, created_at, deadline_at, expires_at)
     select $1::uuid, m.id, 'job ' || n, 5, '480p', '16:9', false, $4, 3, 'local', m.provider_model_id,
       case when $4 = 'completed' then 'videos/' || n || '.mp4' end, now() - n * interval '1 minute',
       now() + interval '30 minutes', now() + interval '7 days'
     from public.models m, generate_series(1, $3::integer) n where m.id = $2::uuid`,
    [user, modelId, count, status],
  );
}

const ROWS_READ = `
  select pg_stat_get_xact_tuples_returned('public.video_jobs'::regclass)
    + (select coalesce(sum(pg_stat_get_xact_tuples_returned(indexrelid)), 0)
       from pg_index where indrelid = 'public.video_jobs'::regclass) as rows`;

/** Runs `sql` and counts the video_jobs rows and index entries it read. */
async function rowsRead(sql: string, params: unknown[]): Promise<{ value: unknown; rows: number }> {
  return db.inTransaction(async (query) => {
    await query("set local plan_cache_mode = force_generic_plan");
    const [before] = await query(ROWS_READ);
    const [result] = await query(sql, params);
    const [after] = await query(ROWS_READ);
    return { value: result?.value, rows: Number(after?.rows) - Number(before?.rows) };
  });
}

/** The cursor list_jobs gives for the page ending at the user's job `n` (1 = newest). */
async function cursorAt(user: string, n: number): Promise<string> {
  const [row] = await db.sql(
    `select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '_' || id as cursor
     from public.video_jobs where user_id = $1 order by created_at desc, id desc offset $2 limit 1`,
    [user, n - 1],
  );
  return String(row?.cursor);
}

describe("a job's JSON", () => {
  test("a local job waiting to start has no place in line, and reading it reads no other job", async () => {
    const user = await createUser(db);
    const { job } = await db.rpc.call(
      "generate_video",
      {
        p_user_id: user,
        p_idempotency_key: randomUUID(),
        p_model_id: (await modelBySlug(db, "ltx")).id,
        p_prompt: "A kite over the dunes",
      },
      r.generateResult,
    );
    expect(job).toMatchObject({ status: "pending", provider: "local", queuePosition: null });
    const read = await rowsRead("select public.get_job($1, $2) as value", [user, job.id]);
    expect(r.jobResult.parse(read.value).job).toMatchObject({ id: job.id, queuePosition: null });
    // The job itself, by its primary key; the pending jobs of others are not counted.
    expect(read.rows).toBeLessThanOrEqual(2);
  });
});

describe(`list_jobs at ${HISTORY} jobs`, () => {
  test("the first page reads one page of the user's index", async () => {
    const read = await rowsRead("select public.list_jobs($1) as value", [longtime]);
    const page = r.jobPageResult.parse(read.value);
    expect(page.jobs.map((j) => j.prompt)).toEqual(Array.from({ length: 20 }, (_, i) => `job ${i + 1}`));
    expect(page.nextCursor).toBe(await cursorAt(longtime, 20));
    expect(read.rows).toBeLessThanOrEqual(2 * 21);
  });

  test("a page deep in the history reads one page too, not every newer job", async () => {
    const cursor = await cursorAt(longtime, HISTORY - 20);
    const read = await rowsRead("select public.list_jobs($1, 20, $2) as value", [longtime, cursor]);
    const page = r.jobPageResult.parse(read.value);
    expect(page.jobs.map((j) => j.prompt)).toEqual(
      Array.from({ length: 20 }, (_, i) => `job ${HISTORY - 19 + i}`),
    );
    expect(page.nextCursor).toBeNull();
    expect(read.rows).toBeLessThanOrEqual(2 * 21);
  });

  test("finding the user's overdue jobs before a read looks only at the user's jobs in flight", async () => {
    const read = await rowsRead("select public.recover_overdue_jobs($1) as value", [longtime]);
    expect(read.value).toEqual({ failedJobs: [] });
    expect(read.rows).toBeLessThanOrEqual(2);
  });
});
