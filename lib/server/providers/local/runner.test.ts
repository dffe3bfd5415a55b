import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { putUndecodableImage } from "@/scripts/test-support/media";
import { eventually, openRouteDatabase, type RouteDb } from "@/scripts/test-support/routes";
import { getRpc } from "../../db";
import { generateResult, jobResult, onboardResult } from "../../db/functions";
import { sweep } from "../../jobs/background";
import { mediaPaths } from "../../jobs/transitions";
import { createLocalProvider } from ".";
import { localJobRunner, resumeLocalJobs } from "./runner";

let route: RouteDb;
beforeAll(async () => {
  route = await openRouteDatabase();
});
afterAll(() => route.close());

async function guestWithJob(status: "pending" | "processing", settings?: { durationSeconds: number }) {
  const rpc = await getRpc();
  const user = randomUUID();
  await route.db.query("insert into auth.users (id, is_anonymous) values ($1, true)", [user]);
  await rpc.call("onboard_user", { p_user_id: user }, onboardResult);
  const model = (
    await route.db.query<{ id: string }>("select id from public.models where slug = 'ltx-2-fast'")
  ).rows[0];
  // As a server that crashed would leave it: charged, in flight, and queued nowhere.
  const { job } = await rpc.call(
    "generate_video",
    {
      p_user_id: user,
      p_idempotency_key: randomUUID(),
      p_model_id: model?.id,
      p_prompt: "left behind by a restart",
      ...(settings ? { p_settings: settings } : {}),
    },
    generateResult,
  );
  if (status === "processing") {
    await route.db.query("update public.video_jobs set status = 'processing', progress = 0.4 where id = $1", [
      job.id,
    ]);
  }
  if (!settings) {
    // What is tested here is how jobs reach the renderer, not the video (renderer.test.ts checks
    // that): a 1 s 240p preview instead of the model's 6 s 720p, which takes 10 s or more on
    // 2 busy cores, renders every one of these jobs the same way, only smaller.
    await route.db.query(
      "update public.video_jobs set duration_seconds = 1, resolution = '240p' where id = $1",
      [job.id],
    );
  }
  return { user, job: await read(job.id) };
}

const read = async (id: string) => (await (await getRpc()).call("find_job", { p_job_id: id }, jobResult)).job;

/** Two renders in a row can take longer than the default 30 s on a busy machine. */
const TWO_RENDERS_MS = 120_000;

const finished = (id: string) =>
  eventually(async () => {
    const now = await read(id);
    return now.status === "completed" || now.status === "failed" ? now : undefined;
  }, 60_000);

test(
  "jobs left in flight by a restart are picked up again and finish",
  async () => {
    const pending = await guestWithJob("pending");
    const processing = await guestWithJob("processing");
    expect(await resumeLocalJobs()).toBeGreaterThanOrEqual(2);
    for (const { job } of [pending, processing]) {
      const done = await finished(job.id);
      expect(done.status).toBe("completed");
      expect(existsSync(path.join(route.dataDir, "media", done.videoPath as string))).toBe(true);
    }
  },
  TWO_RENDERS_MS,
);

test("at start-up a job left processing renders, though it can no longer be claimed", async () => {
  // mark_job_processing changes only a pending job: this one's claim reports no change.
  const { job } = await guestWithJob("processing");
  await createLocalProvider().reconcile();
  const done = await finished(job.id);
  expect(done.status).toBe("completed");
  expect(done.refunded).toBe(false);
  expect(existsSync(path.join(route.dataDir, "media", done.videoPath as string))).toBe(true);
});

test(
  "a job left processing that a status read queued before start-up resumed it still renders",
  async () => {
    const busy = await guestWithJob("pending");
    const left = await guestWithJob("processing");
    const runner = localJobRunner();
    runner.ensure(busy.job); // renders first, so the next two wait in the queue
    runner.ensure(left.job); // a status read: would render only if it could claim the job
    runner.resume(left.job); // start-up
    for (const { job } of [busy, left]) expect((await finished(job.id)).status).toBe("completed");
  },
  TWO_RENDERS_MS,
);

test("a status read queues a job this process does not know, once", async () => {
  const { job } = await guestWithJob("pending");
  const local = createLocalProvider();
  await local.refresh(job);
  await local.refresh(job);
  const done = await finished(job.id);
  expect(done.status).toBe("completed");
});

test("a status read does not render a job already processing: only start-up takes those over", async () => {
  const { job } = await guestWithJob("processing");
  const runner = localJobRunner();
  await runner.whenIdle();
  await createLocalProvider().refresh(job);
  await runner.whenIdle();
  expect(await read(job.id)).toMatchObject({ status: "processing", videoPath: null, refunded: false });
});

test("a queued job is queued once, however often it is seen", async () => {
  const { job } = await guestWithJob("pending");
  const runner = localJobRunner();
  runner.ensure(job);
  runner.ensure(job);
  await resumeLocalJobs();
  const done = await eventually(async () => {
    const now = await read(job.id);
    return now.status === "completed" ? now : undefined;
  }, 60_000);
  const refunds = await route.db.query(
    "select 1 from public.credit_ledger where job_id = $1 and kind = 'refund'",
    [job.id],
  );
  expect(done.status).toBe("completed");
  expect(refunds.rows).toHaveLength(0);
});

test("the sweeper removes expired jobs with their media files", async () => {
  const { job } = await guestWithJob("pending");
  localJobRunner().ensure(job);
  const done = await eventually(async () => {
    const now = await read(job.id);
    return now.status === "completed" ? now : undefined;
  }, 60_000);
  const files = [done.videoPath, done.thumbnailPath].map((p) =>
    path.join(route.dataDir, "media", p as string),
  );
  expect(files.every(existsSync)).toBe(true);
  await route.db.query(
    "update public.video_jobs set expires_at = now() - interval '1 second' where id = $1",
    [job.id],
  );
  const result = await sweep();
  expect(result.jobsExpired).toBeGreaterThanOrEqual(1);
  expect(files.some(existsSync)).toBe(false);
});

test("a job the sweeper fails past its deadline stops rendering and stores nothing", async () => {
  const { job } = await guestWithJob("pending", { durationSeconds: 10 });
  const runner = localJobRunner();
  await runner.whenIdle();
  runner.ensure(job);
  await eventually(async () => ((await read(job.id)).status === "processing" ? true : undefined), 20_000);
  await route.db.query(
    "update public.video_jobs set deadline_at = now() - interval '1 second' where id = $1",
    [job.id],
  );
  const started = performance.now();
  await sweep();
  await runner.whenIdle();
  // Stopped, not rendered to the end (a 10 s preview takes several seconds here).
  expect(performance.now() - started).toBeLessThan(2_000);
  const failed = await read(job.id);
  expect(failed).toMatchObject({ status: "failed", refunded: true, videoPath: null });
  const { video, thumbnail } = mediaPaths(job);
  for (const file of [video, thumbnail])
    expect(existsSync(path.join(route.dataDir, "media", file))).toBe(false);
  const ledger = await route.db.query<{ kind: string }>(
    "select kind from public.credit_ledger where job_id = $1 order by id",
    [job.id],
  );
  expect(ledger.rows.map((r) => r.kind)).toEqual(["spend", "refund"]);
});

test("a render that fails marks the job failed and refunds it, once", async () => {
  const rpc = await getRpc();
  const user = randomUUID();
  await route.db.query("insert into auth.users (id, is_anonymous) values ($1, true)", [user]);
  await rpc.call("onboard_user", { p_user_id: user }, onboardResult);
  const image = await putUndecodableImage(user);
  const model = (
    await route.db.query<{ id: string }>("select id from public.models where slug = 'sora-2-image-to-video'")
  ).rows[0];
  const { job, credits } = await rpc.call(
    "generate_video",
    {
      p_user_id: user,
      p_idempotency_key: randomUUID(),
      p_model_id: model?.id,
      p_prompt: "animate my photo",
      p_input_image_path: image,
    },
    generateResult,
  );
  expect(credits).toBe(10 - job.creditsUsed);
  localJobRunner().ensure(job);
  const failed = await eventually(async () => {
    const now = await read(job.id);
    return now.status === "failed" ? now : undefined;
  }, 30_000);
  expect(failed).toMatchObject({ errorCode: "provider_error", refunded: true, videoPath: null });
  localJobRunner().ensure(failed); // a late status read changes nothing
  const ledger = await route.db.query<{ kind: string }>(
    "select kind from public.credit_ledger where job_id = $1 order by id",
    [job.id],
  );
  expect(ledger.rows.map((r) => r.kind)).toEqual(["spend", "refund"]);
  const balance = await route.db.query<{ credits: number }>(
    "select credits from public.users where id = $1",
    [user],
  );
  expect(balance.rows[0]?.credits).toBe(10);
});
