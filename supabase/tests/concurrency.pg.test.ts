import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { AppError } from "../../lib/errors";
import * as r from "../../lib/server/db/functions";
import { postgresRpc } from "../../lib/server/db/postgres";
import {
  balance,
  createUser,
  expectLedgerMatchesBalances,
  modelBySlug,
} from "../../scripts/test-support/db/fixtures";
import { openTestDb, type TestDb } from "../../scripts/test-support/db/test-db";

/**
 * Races on a real PostgreSQL server (PGlite has one connection, so nothing races there).
 * The adapter's pool has 20 connections, so calls truly run in parallel.
 */

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  expect(db.target).toBe("postgres");
});
afterAll(async () => {
  await expectLedgerMatchesBalances(db);
  await db.close();
});

async function userWithCredits(credits: number): Promise<string> {
  const user = await createUser(db, { email: `race-${randomUUID()}@example.com` });
  const { products } = await db.rpc.call("list_credit_products", { p_locale: "en" }, r.productsResult);
  let current = await balance(db, user);
  for (const product of [...products].sort((a, b) => b.credits - a.credits)) {
    while (current + product.credits <= credits) {
      current = (
        await db.rpc.call(
          "grant_purchase",
          { p_user_id: user, p_product_id: product.id, p_external_ref: randomUUID() },
          r.purchaseResult,
        )
      ).credits;
    }
  }
  expect(current).toBe(credits);
  return user;
}

function generate(user: string, modelId: string, key = randomUUID()) {
  return db.rpc.call(
    "generate_video",
    { p_user_id: user, p_idempotency_key: key, p_model_id: modelId, p_prompt: "race", p_settings: {} },
    r.generateResult,
  );
}

test("100 parallel generations on one balance give exactly floor(balance / cost) jobs", async () => {
  const model = await modelBySlug(db, "sora-2-text");
  const { credits: cost } = await db.rpc.call(
    "price_of",
    { p_model_id: model.id, p_settings: {} },
    r.priceResult,
  );
  const start = 135;
  const user = await userWithCredits(start);

  const began = performance.now();
  const outcomes = await Promise.allSettled(Array.from({ length: 100 }, () => generate(user, model.id)));
  const elapsed = performance.now() - began;

  const ok = outcomes.filter((o) => o.status === "fulfilled");
  const refused = outcomes.filter((o) => o.status === "rejected");
  for (const o of refused) {
    expect((o.reason as AppError).code).toBe("insufficient_credits");
  }
  const expected = Math.floor(start / cost);
  const left = await balance(db, user);
  console.log(
    `[race] 100 parallel generate_video, balance ${start}, cost ${cost}: ${ok.length} jobs ` +
      `(expected ${expected}), ${refused.length} refused, balance left ${left}, ${elapsed.toFixed(0)} ms`,
  );
  expect(ok).toHaveLength(expected);
  expect(left).toBe(start - expected * cost);
  expect(left).toBeGreaterThanOrEqual(0);
  const jobs = await db.sql("select count(*)::int as n from public.video_jobs where user_id = $1", [user]);
  expect(jobs[0]?.n).toBe(expected);
});

test("one key sent 20 times in parallel charges once and answers the same job", async () => {
  const model = await modelBySlug(db, "sora-2-text");
  const user = await userWithCredits(60);
  const key = randomUUID();
  const answers = await Promise.all(Array.from({ length: 20 }, () => generate(user, model.id, key)));
  const jobIds = new Set(answers.map((a) => a.job.id));
  const fresh = answers.filter((a) => !a.replayed);
  console.log(
    `[race] same key x20: ${jobIds.size} job, ${fresh.length} charge, ${answers.length - fresh.length} replays`,
  );
  expect(jobIds.size).toBe(1);
  expect(fresh).toHaveLength(1);
  expect(await balance(db, user)).toBe(60 - (answers[0]?.job.creditsUsed ?? 0));
});

test("a failure reported many times at once refunds once", async () => {
  const model = await modelBySlug(db, "sora-2-text");
  const user = await userWithCredits(60);
  const { job } = await generate(user, model.id);
  await db.sql("update public.video_jobs set deadline_at = now() - interval '1 second' where id = $1", [
    job.id,
  ]);
  const reports = await Promise.all([
    ...Array.from({ length: 10 }, () =>
      db.rpc.call("mark_job_failed", { p_job_id: job.id, p_error_code: "provider_error" }, r.jobFailResult),
    ),
    db.rpc.call("sweep", {}, r.sweepResult),
    db.rpc.call(
      "mark_job_completed",
      { p_job_id: job.id, p_video_path: "videos/late.mp4" },
      r.jobChangeResult,
    ),
  ]);
  const refunds = await db.sql(
    "select count(*)::int as n from public.credit_ledger where job_id = $1 and kind = 'refund'",
    [job.id],
  );
  const final = await db.rpc.call("find_job", { p_job_id: job.id }, r.jobResult);
  console.log(
    `[race] 10 failure reports + sweep + completion: ${refunds[0]?.n} refund, final ${final.job.status}`,
  );
  expect(reports).toHaveLength(12);
  if (final.job.status === "failed") {
    expect(refunds[0]?.n).toBe(1);
    expect(await balance(db, user)).toBe(60);
  } else {
    // The completion won the race: no refund at all, and every failure report changed nothing.
    expect(final.job.status).toBe("completed");
    expect(refunds[0]?.n).toBe(0);
    expect(await balance(db, user)).toBe(60 - job.creditsUsed);
  }
});

test("parallel merges and purchases on the same users never deadlock or lose credits", async () => {
  const account = await userWithCredits(10);
  const guests = await Promise.all(Array.from({ length: 8 }, () => createUser(db)));
  const { products } = await db.rpc.call("list_credit_products", { p_locale: "en" }, r.productsResult);
  const pack = products[0];
  await Promise.all([
    ...guests.map((guest) =>
      db.rpc.call("merge_guest", { p_guest_id: guest, p_target_id: account }, r.mergeResult),
    ),
    ...Array.from({ length: 8 }, () =>
      db.rpc.call(
        "grant_purchase",
        { p_user_id: account, p_product_id: pack?.id, p_external_ref: randomUUID() },
        r.purchaseResult,
      ),
    ),
  ]);
  expect(await balance(db, account)).toBe(10 + 8 * 10 + 8 * (pack?.credits ?? 0));
});

test("an overdue job read by many requests while the sweep runs is refunded once", async () => {
  const model = await modelBySlug(db, "sora-2-text");
  const user = await userWithCredits(60);
  const { job } = await generate(user, model.id);
  await db.sql("update public.video_jobs set deadline_at = now() - interval '1 second' where id = $1", [
    job.id,
  ]);
  const answers = await Promise.all([
    ...Array.from({ length: 20 }, () =>
      db.rpc.call("recover_overdue_jobs", { p_user_id: user }, r.recoverResult),
    ),
    db.rpc.call("sweep", {}, r.sweepResult),
  ]);
  const refunds = await db.sql(
    "select count(*)::int as n from public.credit_ledger where job_id = $1 and kind = 'refund'",
    [job.id],
  );
  const announced = answers.flatMap((a) => a.failedJobs).filter((failed) => failed.id === job.id);
  console.log(
    `[race] 20 reads + sweep on an overdue job: ${refunds[0]?.n} refund, ${announced.length} announced`,
  );
  expect(refunds[0]?.n).toBe(1);
  expect(announced).toHaveLength(1);
  expect(await balance(db, user)).toBe(60);
});

test("a refused call leaves its pooled connection open for the next call", async () => {
  const rpc = postgresRpc(db.url as string, { max: 1 });
  try {
    const backends = async () =>
      (
        await db.sql(
          "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
        )
      ).map((row) => row.pid);
    const me = { p_user_id: await createUser(db) };
    await rpc.call("get_me", me, r.meResult);
    const before = await backends();
    for (let i = 0; i < 10; i++) {
      await expect(rpc.call("get_me", { p_user_id: randomUUID() }, r.meResult)).rejects.toMatchObject({
        code: "unauthorized",
      });
    }
    await rpc.call("get_me", me, r.meResult);
    // A new connection per refused call would cost a server process each time.
    expect((await backends()).filter((pid) => !before.includes(pid))).toEqual([]);
  } finally {
    await rpc.close();
  }
});
