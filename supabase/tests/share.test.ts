import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as r from "../../lib/server/db/functions";
import { createUser, expectAppError, modelBySlug } from "../../scripts/test-support/db/fixtures";
import { openTestDb, type TestDb } from "../../scripts/test-support/db/test-db";

/**
 * Share pages (migration 20261204000100): share_job, unshare_job, list_share_tokens and the
 * public page's read, get_shared_video.
 */

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

async function pendingJob(user: string, prompt = "A lighthouse in a storm") {
  const model = await modelBySlug(db, "ltx-2-fast");
  const { job } = await db.rpc.call(
    "generate_video",
    { p_user_id: user, p_idempotency_key: randomUUID(), p_model_id: model.id, p_prompt: prompt },
    r.generateResult,
  );
  return job;
}

async function finishedJob(user: string, prompt?: string) {
  const job = await pendingJob(user, prompt);
  await db.rpc.call(
    "mark_job_completed",
    { p_job_id: job.id, p_video_path: `videos/${job.id}.mp4`, p_thumbnail_path: `thumbs/${job.id}.jpg` },
    r.jobChangeResult,
  );
  return job;
}

const share = (user: string, job: string, showPrompt?: boolean) =>
  db.rpc.call("share_job", { p_user_id: user, p_job_id: job, p_show_prompt: showPrompt }, r.shareResult);
const page = async (token: string) =>
  (await db.rpc.call("get_shared_video", { p_token: token }, r.sharedVideoResult)).video;

describe("share_job", () => {
  test("gives an unguessable token, the same one when shared again, and the page shows the video", async () => {
    const user = await createUser(db);
    const job = await finishedJob(user, "A red kite over dunes");
    const first = await share(user, job.id);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.showPrompt).toBe(true);
    expect((await share(user, job.id)).token).toBe(first.token);

    const video = await page(first.token);
    expect(video).toMatchObject({
      model: { id: job.model.id, name: job.model.name },
      prompt: "A red kite over dunes",
      videoPath: `videos/${job.id}.mp4`,
      thumbnailPath: `thumbs/${job.id}.jpg`,
    });
  });

  test("two videos get different tokens", async () => {
    const user = await createUser(db);
    const a = await share(user, (await finishedJob(user)).id);
    const b = await share(user, (await finishedJob(user)).id);
    expect(a.token).not.toBe(b.token);
  });

  test("the owner may hide the prompt, and change their mind", async () => {
    const user = await createUser(db);
    const job = await finishedJob(user, "Secret prompt");
    const { token } = await share(user, job.id, false);
    expect((await page(token))?.prompt).toBeNull();
    expect((await share(user, job.id, true)).token).toBe(token);
    expect((await page(token))?.prompt).toBe("Secret prompt");
  });

  test("a video not made yet is job_in_progress", async () => {
    const user = await createUser(db);
    const job = await pendingJob(user);
    await expectAppError(share(user, job.id), "job_in_progress");
    const rows = await db.sql("select 1 from public.share_links where job_id = $1", [job.id]);
    expect(rows).toHaveLength(0);
  });

  test("another user's or an unknown job is job_not_found", async () => {
    const owner = await createUser(db);
    const stranger = await createUser(db);
    const job = await finishedJob(owner);
    await expectAppError(share(stranger, job.id), "job_not_found");
    await expectAppError(share(owner, randomUUID()), "job_not_found");
    await expectAppError(
      db.rpc.call("unshare_job", { p_user_id: stranger, p_job_id: job.id }, r.unshareResult),
      "job_not_found",
    );
  });

  test("a failed video has nothing to share: job_not_found", async () => {
    const user = await createUser(db);
    const job = await pendingJob(user);
    await db.rpc.call(
      "mark_job_failed",
      { p_job_id: job.id, p_error_code: "provider_error" },
      r.jobFailResult,
    );
    await expectAppError(share(user, job.id), "job_not_found");
  });
});

describe("the page goes", () => {
  test("when the owner stops sharing (twice is fine), and a new share is a new token", async () => {
    const user = await createUser(db);
    const job = await finishedJob(user);
    const { token } = await share(user, job.id);
    const unshare = () => db.rpc.call("unshare_job", { p_user_id: user, p_job_id: job.id }, r.unshareResult);
    expect(await unshare()).toEqual({ unshared: true });
    expect(await unshare()).toEqual({ unshared: false });
    expect(await page(token)).toBeNull();
    expect((await share(user, job.id)).token).not.toBe(token);
  });

  test("when the video is deleted, with its link", async () => {
    const user = await createUser(db);
    const job = await finishedJob(user);
    const { token } = await share(user, job.id);
    await db.rpc.call("delete_job", { p_user_id: user, p_job_id: job.id }, r.mediaRemovalResult);
    expect(await page(token)).toBeNull();
    expect(await db.sql("select 1 from public.share_links where token = $1", [token])).toHaveLength(0);
  });

  test("when the account is deleted", async () => {
    const user = await createUser(db);
    const { token } = await share(user, (await finishedJob(user)).id);
    await db.rpc.call("delete_account", { p_user_id: user }, r.mediaRemovalResult);
    expect(await page(token)).toBeNull();
  });

  test("when the video expires", async () => {
    const user = await createUser(db);
    const job = await finishedJob(user);
    const { token } = await share(user, job.id);
    await db.sql("update public.video_jobs set expires_at = now() - interval '1 minute' where id = $1", [
      job.id,
    ]);
    expect(await page(token)).toBeNull();
  });

  test("an unknown token reads as nothing", async () => {
    expect(await page("A".repeat(43))).toBeNull();
    await expectAppError(page("' or 1=1 --"), "validation_failed", "token");
  });
});

test("list_share_tokens names the shared ones among some jobs", async () => {
  const user = await createUser(db);
  const shared = await finishedJob(user);
  const other = await finishedJob(user);
  const { token } = await share(user, shared.id, false);
  const { shares } = await db.rpc.call(
    "list_share_tokens",
    { p_job_ids: [shared.id, other.id] },
    r.shareTokensResult,
  );
  expect(shares).toEqual([{ jobId: shared.id, token, showPrompt: false }]);
});

test("bad input changes nothing: a missing user or job, a token of the wrong shape, ids that are not a list", async () => {
  const user = await createUser(db);
  const job = await finishedJob(user);
  await expectAppError(share(null as unknown as string, job.id), "unauthorized");
  await expectAppError(share(user, null as unknown as string), "validation_failed", "jobId");
  await expectAppError(page(""), "validation_failed", "token");
  await expectAppError(
    db.rpc.call("list_share_tokens", { p_job_ids: { id: job.id } }, r.shareTokensResult),
    "validation_failed",
    "jobIds",
  );
  expect(await db.sql("select 1 from public.share_links where job_id = $1", [job.id])).toHaveLength(0);
});
