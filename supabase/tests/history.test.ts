import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as r from "../../lib/server/db/functions";
import { createUser, expectLedgerMatchesBalances, modelBySlug } from "../../scripts/test-support/db/fixtures";
import { openTestDb, type TestDb } from "../../scripts/test-support/db/test-db";

/**
 * History and retention (migration 20261130000100): deleting a job or sweeping expired ones hands
 * back its media paths, except an input picture that another remaining job still uses.
 */

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await expectLedgerMatchesBalances(db);
  await db.close();
});

/** A finished image-to-video job of `user` made from the picture at `input`. */
async function finishedJob(user: string, input: string) {
  const model = await modelBySlug(db, "sora-2-image");
  const { job } = await db.rpc.call(
    "generate_video",
    {
      p_user_id: user,
      p_idempotency_key: randomUUID(),
      p_model_id: model.id,
      p_prompt: "Bring the photo to life",
      p_settings: { durationSeconds: 4 },
      p_input_image_path: input,
    },
    r.generateResult,
  );
  await db.rpc.call(
    "mark_job_completed",
    { p_job_id: job.id, p_video_path: `videos/${job.id}.mp4`, p_thumbnail_path: `thumbs/${job.id}.jpg` },
    r.jobChangeResult,
  );
  return job;
}

const expire = (ids: string[]) =>
  db.sql("update public.video_jobs set expires_at = now() - interval '1 minute' where id = any($1::uuid[])", [
    ids,
  ]);

async function richUser(): Promise<string> {
  const user = await createUser(db);
  await db.sql("update public.users set credits = credits + 40 where id = $1", [user]);
  await db.sql(
    "insert into public.credit_ledger (user_id, kind, change, balance_after) select id, 'admin', 40, credits from public.users where id = $1",
    [user],
  );
  return user;
}

describe("delete_job and shared input pictures", () => {
  test("the input goes only with the last job that uses it", async () => {
    const user = await richUser();
    const input = `inputs/${user}/${randomUUID()}.jpg`;
    const first = await finishedJob(user, input);
    const second = await finishedJob(user, input);

    const one = await db.rpc.call(
      "delete_job",
      { p_user_id: user, p_job_id: first.id },
      r.mediaRemovalResult,
    );
    expect(one.mediaPaths.sort()).toEqual([`thumbs/${first.id}.jpg`, `videos/${first.id}.mp4`]);

    const two = await db.rpc.call(
      "delete_job",
      { p_user_id: user, p_job_id: second.id },
      r.mediaRemovalResult,
    );
    expect(two.mediaPaths.sort()).toEqual([input, `thumbs/${second.id}.jpg`, `videos/${second.id}.mp4`]);
  });
});

describe("sweep and shared input pictures", () => {
  test("an input shared with a job that stays is kept; one used only by expired jobs goes, once", async () => {
    const user = await richUser();
    const kept = `inputs/${user}/${randomUUID()}.jpg`;
    const gone = `inputs/${user}/${randomUUID()}.jpg`;
    const oldWithKept = await finishedJob(user, kept);
    const fresh = await finishedJob(user, kept);
    const oldA = await finishedJob(user, gone);
    const oldB = await finishedJob(user, gone);
    await expire([oldWithKept.id, oldA.id, oldB.id]);

    const swept = await db.rpc.call("sweep", {}, r.sweepResult);
    expect(swept.jobsExpired).toBeGreaterThanOrEqual(3);
    const mine = swept.mediaPaths.filter(
      (p) => p.includes(user) || [oldWithKept, oldA, oldB].some((j) => p.includes(j.id)),
    );
    expect(mine.sort()).toEqual(
      [
        gone,
        ...[oldWithKept, oldA, oldB].flatMap((j) => [`videos/${j.id}.mp4`, `thumbs/${j.id}.jpg`]),
      ].sort(),
    );
    const left = await db.sql("select id from public.video_jobs where user_id = $1", [user]);
    expect(left.map((row) => row.id)).toEqual([fresh.id]);
  });
});
