import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createJobResponseSchema, jobResponseSchema } from "@/lib/contracts/api";
import type { Job } from "@/lib/contracts/job";
import { getRpc } from "@/lib/server/db";
import { generateResult } from "@/lib/server/db/functions";
import {
  eventually,
  newGuest,
  openRouteDatabase,
  type RouteDb,
  TestBrowser,
} from "@/scripts/test-support/routes";
import { POST as createJob } from "../route";
import { DELETE as deleteJob, GET as getJob } from "./route";

let route: RouteDb;
let textModel: string;

beforeAll(async () => {
  route = await openRouteDatabase();
  const rows = await route.db.query<{ id: string }>("select id from public.models where slug = 'ltx-2-fast'");
  textModel = rows.rows[0]?.id as string;
});
afterAll(() => route.close());

const guest = async () => (await newGuest()).browser;

/** A job made through the API and rendered for real by the local renderer. */
async function finishedJob(browser: TestBrowser): Promise<Job> {
  const created = await browser.call(createJob, "/api/jobs", {
    json: { modelId: textModel, prompt: "A red kite over green dunes", settings: {} },
    headers: { "idempotency-key": randomUUID() },
  });
  expect(created.status).toBe(202);
  const { job } = createJobResponseSchema.parse(await created.json());
  return eventually(async () => {
    const read = await browser.call(getJob, `/api/jobs/${job.id}`, { params: { id: job.id } });
    const now = jobResponseSchema.parse(await read.json()).job;
    return now.status === "completed" || now.status === "failed" ? now : undefined;
  }, 60_000);
}

async function storedJob(id: string) {
  const rows = await route.db.query<{ video_path: string | null; thumbnail_path: string | null }>(
    "select video_path, thumbnail_path from public.video_jobs where id = $1",
    [id],
  );
  return rows.rows[0];
}

const mediaFile = (key: string | null) => path.join(route.dataDir, "media", key as string);

const remove = (browser: TestBrowser, id: string, headers: Record<string, string> = {}) =>
  browser.call(deleteJob, `/api/jobs/${id}`, { method: "DELETE", params: { id }, headers });

describe("DELETE /api/jobs/:id", () => {
  let owner: TestBrowser;
  let job: Job;

  beforeAll(async () => {
    owner = await guest();
    job = await finishedJob(owner);
    expect(job.status).toBe("completed");
  }, 90_000);

  test("another user's job is 404 job_not_found and stays, with its files", async () => {
    const stranger = await guest();
    const response = await remove(stranger, job.id);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("job_not_found");
    const row = await storedJob(job.id);
    expect(row).toBeDefined();
    expect(existsSync(mediaFile(row?.video_path ?? null))).toBe(true);
  });

  test("another site's page is 403 forbidden and deletes nothing", async () => {
    const response = await remove(owner, job.id, { origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
    expect(await storedJob(job.id)).toBeDefined();
  });

  test("without a session: 401 and nothing deleted", async () => {
    const response = await remove(new TestBrowser(), job.id);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthorized");
    expect(await storedJob(job.id)).toBeDefined();
  });

  test("an unknown or malformed id is 404 job_not_found", async () => {
    for (const id of [randomUUID(), "not-a-uuid", "' or 1=1 --"]) {
      const response = await remove(owner, id);
      expect(response.status, id).toBe(404);
      expect((await response.json()).error.code).toBe("job_not_found");
    }
    expect(await storedJob(job.id)).toBeDefined();
  });

  test("the owner deletes it: 204, the row and its video and thumbnail files are gone", async () => {
    const row = await storedJob(job.id);
    const files = [row?.video_path ?? null, row?.thumbnail_path ?? null].map(mediaFile);
    expect(files.every(existsSync)).toBe(true);

    const response = await remove(owner, job.id);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expect(await storedJob(job.id)).toBeUndefined();
    expect(files.some(existsSync)).toBe(false);

    const again = await remove(owner, job.id);
    expect(again.status).toBe(404);
    const read = await owner.call(getJob, `/api/jobs/${job.id}`, { params: { id: job.id } });
    expect(read.status).toBe(404);
  });

  test("a job still in flight is 409 job_in_progress and stays", async () => {
    const { browser, userId } = await newGuest();
    // Made by the SQL function alone, so no renderer picks it up: it stays pending.
    const { job: inFlight } = await (await getRpc()).call(
      "generate_video",
      {
        p_user_id: userId,
        p_idempotency_key: randomUUID(),
        p_model_id: textModel,
        p_prompt: "Still rendering",
      },
      generateResult,
    );
    const response = await remove(browser, inFlight.id);
    expect(response.status).toBe(409);
    expect((await response.json()).error.code).toBe("job_in_progress");
    expect(await storedJob(inFlight.id)).toBeDefined();
  });
});
