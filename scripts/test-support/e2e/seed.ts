import { randomUUID } from "node:crypto";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { CookieToSet } from "../../../lib/server/auth/cookies";
import { localSessions, SESSION_COOKIE } from "../../../lib/server/auth/local";
import { getConfig } from "../../../lib/server/config";
import { getRpc } from "../../../lib/server/db";
import {
  type DbJob,
  generateResult,
  jobChangeResult,
  modelResult,
  onboardResult,
} from "../../../lib/server/db/functions";
import { completeJob, failJob } from "../../../lib/server/jobs/transitions";
import { getMediaStore } from "../../../lib/server/storage";
import { copyMigratedDatabase } from "./pglite-data-dir";
import { type SeededPerson, seededPoolFile } from "./seeded";

/**
 * Seeds the e2e server's embedded database before the server starts (scripts/e2e-server.mjs runs
 * this with DATA_DIR set to the server's), so specs that only need a finished video take one
 * instead of waiting for a render. Each person is a real guest session (the app's own
 * createGuest), charged through generate_video, moved through mark_job_processing and
 * completeJob (or failJob and its refund) exactly as the local renderer moves a job, with a
 * committed fixture MP4 and JPEG as the media. The people and their cookies go to a pool file
 * that scripts/test-support/e2e/seeded.ts hands out, one person per test.
 */

const fixtures = path.resolve(import.meta.dirname, "../../../e2e/fixtures");
/** One person per test that asks, in both Chromium projects (about 20), with some to spare. */
const POOL = { finished: 30, history: 2, mixed: 4, "failed-tr": 4 } as const;
export const FINISHED_PROMPTS = ["Lighthouse at dusk number 1", "Lighthouse at dusk number 2"];

type Job = SeededPerson["jobs"][number];

async function newGuest(language = "en"): Promise<{ userId: string; cookie: string }> {
  let cookie = "";
  const jar = {
    secure: false,
    getAll: () => [],
    setAll: (cookies: CookieToSet[]) => {
      cookie = cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? cookie;
    },
  };
  const session = await localSessions.createGuest(jar, { address: "127.0.0.1" });
  const rpc = await getRpc();
  await rpc.call("onboard_user", { p_user_id: session.userId, p_language: language }, onboardResult);
  return { userId: session.userId, cookie };
}

async function modelId(slug: string): Promise<string> {
  const rpc = await getRpc();
  return (await rpc.call("get_model", { p_model: slug, p_locale: "en" }, modelResult)).model.id;
}

async function generate(userId: string, body: Record<string, unknown>): Promise<DbJob> {
  const rpc = await getRpc();
  const { job } = await rpc.call(
    "generate_video",
    {
      p_user_id: userId,
      p_idempotency_key: randomUUID(),
      p_theme_id: null,
      p_input_image_path: null,
      p_provider: "local",
      p_per_minute: 1000,
      ...body,
    },
    generateResult,
  );
  const started = await rpc.call(
    "mark_job_processing",
    { p_job_id: job.id, p_provider_request_id: `local-${job.id}`, p_progress: 0 },
    jobChangeResult,
  );
  return started.job;
}

/** A finished preview video, as the local renderer leaves one (its files are moved into the store). */
async function finished(userId: string, model: string, prompt: string, workDir: string): Promise<Job> {
  const job = await generate(userId, { p_model_id: model, p_prompt: prompt, p_settings: {} });
  const videoFile = path.join(workDir, `${job.id}.mp4`);
  const thumbnailFile = path.join(workDir, `${job.id}.jpg`);
  await copyFile(path.join(fixtures, "finished-1280x720.mp4"), videoFile);
  await copyFile(path.join(fixtures, "finished-1280x720.jpg"), thumbnailFile);
  await completeJob(job, { videoFile, thumbnailFile });
  return { id: job.id, prompt, status: "completed" };
}

/** A job whose input picture no decoder reads, failed and refunded as the renderer does. */
async function failed(userId: string, model: string, prompt: string): Promise<Job> {
  const imagePath = `inputs/${userId}/${randomUUID()}.jpg`;
  await (await getMediaStore()).putFile(imagePath, await copyToTemp("corrupt.jpg"), "image/jpeg");
  const job = await generate(userId, {
    p_model_id: model,
    p_prompt: prompt,
    p_settings: { durationSeconds: 4 },
    p_input_image_path: imagePath,
  });
  await failJob(job, "provider_error");
  return { id: job.id, prompt, status: "failed" };
}

let temp = "";
async function copyToTemp(fixture: string): Promise<string> {
  const file = path.join(temp, `${randomUUID()}-${fixture}`);
  await copyFile(path.join(fixtures, fixture), file);
  return file;
}

async function main() {
  await mkdir(getConfig().dataDir, { recursive: true });
  await copyMigratedDatabase(getConfig().dataDir);
  temp = await mkdtemp(path.join(getConfig().dataDir, "seed-"));
  const textModel = await modelId("ltx-2-fast");
  const imageModel = await modelId("sora-2-image-to-video");
  const people: SeededPerson[] = [];
  for (let i = 0; i < POOL.finished; i++) {
    const { userId, cookie } = await newGuest();
    const jobs: Job[] = [];
    for (const prompt of FINISHED_PROMPTS) jobs.unshift(await finished(userId, textModel, prompt, temp));
    people.push({ kind: "finished", userId, cookie, jobs });
  }
  // History's paging: 20 failed (refunded) jobs, then 2 finished ones, newest first in `jobs`.
  for (let i = 0; i < POOL.history; i++) {
    const { userId, cookie } = await newGuest();
    const jobs: Job[] = [];
    for (let n = 1; n <= 20; n++) jobs.unshift(await failed(userId, imageModel, `Broken photo number ${n}`));
    for (const prompt of FINISHED_PROMPTS) jobs.unshift(await finished(userId, textModel, prompt, temp));
    people.push({ kind: "history", userId, cookie, jobs });
  }
  // Both kinds of card: 2 finished jobs, then a failed one.
  for (let i = 0; i < POOL.mixed; i++) {
    const { userId, cookie } = await newGuest();
    const jobs: Job[] = [];
    for (const prompt of FINISHED_PROMPTS) jobs.unshift(await finished(userId, textModel, prompt, temp));
    jobs.unshift(await failed(userId, imageModel, "Broken photo number 1"));
    people.push({ kind: "mixed", userId, cookie, jobs });
  }
  // A Turkish guest (as one made by a browser in Turkish) with one failed, refunded job.
  for (let i = 0; i < POOL["failed-tr"]; i++) {
    const { userId, cookie } = await newGuest("tr");
    const jobs = [await failed(userId, imageModel, "Broken photo number 1")];
    people.push({ kind: "failed-tr", userId, cookie, jobs });
  }
  await rm(temp, { recursive: true, force: true });
  await writeFile(seededPoolFile(getConfig().dataDir), JSON.stringify(people));
  await (await getRpc()).close();
  console.log(`[e2e] seeded ${people.length} people with finished videos`);
}

await main();
