import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as getJob } from "@/app/api/jobs/[id]/route";
import { jobResponseSchema, shareJobResponseSchema } from "@/lib/contracts/api";
import { getRpc } from "@/lib/server/db";
import { generateResult, jobChangeResult } from "@/lib/server/db/functions";
import { getSharedVideo } from "@/lib/server/services/share";
import { newGuest, openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import { POST as share, DELETE as unshare } from "./route";

let route: RouteDb;
let textModel: string;

beforeAll(async () => {
  route = await openRouteDatabase();
  const rows = await route.db.query<{ id: string }>("select id from public.models where slug = 'ltx-2-fast'");
  textModel = rows.rows[0]?.id as string;
});
afterAll(() => route.close());

/** A job made by the SQL function alone, so no renderer picks it up; finished by hand when asked. */
async function job(userId: string, finished: boolean): Promise<string> {
  const rpc = await getRpc();
  const { job } = await rpc.call(
    "generate_video",
    { p_user_id: userId, p_idempotency_key: randomUUID(), p_model_id: textModel, p_prompt: "A paper boat" },
    generateResult,
  );
  if (finished) {
    await rpc.call(
      "mark_job_completed",
      { p_job_id: job.id, p_video_path: `videos/${userId}/${job.id}.mp4`, p_thumbnail_path: null },
      jobChangeResult,
    );
  }
  return job.id;
}

const post = (
  browser: TestBrowser,
  id: string,
  init: { json?: unknown; headers?: Record<string, string> } = {},
) => browser.call(share, `/api/jobs/${id}/share`, { method: "POST", params: { id }, ...init });
const remove = (browser: TestBrowser, id: string) =>
  browser.call(unshare, `/api/jobs/${id}/share`, { method: "DELETE", params: { id } });
const tokenOf = (url: string) => new URL(url).pathname.replace(/^\/v\//, "");

async function errorCode(response: Response): Promise<string> {
  return (await response.json()).error.code;
}

describe("POST /api/jobs/:id/share", () => {
  test("200 with the page's absolute URL, the same one again; the job reads as shared", async () => {
    const { browser, userId } = await newGuest();
    const id = await job(userId, true);
    const first = await post(browser, id);
    expect(first.status).toBe(200);
    const { url } = shareJobResponseSchema.parse(await first.json());
    expect(url).toMatch(/^http:\/\/localhost:3000\/v\/[A-Za-z0-9_-]{43}$/);

    const again = await post(browser, id, { json: { showPrompt: true } });
    expect(again.status).toBe(200);
    expect((await again.json()).url).toBe(url);

    const read = await browser.call(getJob, `/api/jobs/${id}`, { params: { id } });
    expect(jobResponseSchema.parse(await read.json()).job.sharePath).toBe(new URL(url).pathname);
    expect((await getSharedVideo(tokenOf(url)))?.prompt).toBe("A paper boat");
  });

  test("showPrompt: false keeps the prompt off the page", async () => {
    const { browser, userId } = await newGuest();
    const id = await job(userId, true);
    const response = await post(browser, id, { json: { showPrompt: false } });
    const { url } = shareJobResponseSchema.parse(await response.json());
    const page = await getSharedVideo(tokenOf(url));
    expect(page?.model.name).toBeTruthy();
    expect(page?.prompt).toBeNull();
  });

  test("409 job_in_progress before the video exists", async () => {
    const { browser, userId } = await newGuest();
    const response = await post(browser, await job(userId, false));
    expect(response.status).toBe(409);
    expect(await errorCode(response)).toBe("job_in_progress");
  });

  test("another user's job, an unknown or malformed id: 404 job_not_found", async () => {
    const owner = await newGuest();
    const id = await job(owner.userId, true);
    const stranger = await newGuest();
    for (const target of [id, randomUUID(), "not-a-uuid"]) {
      const response = await post(stranger.browser, target);
      expect(response.status, target).toBe(404);
      expect(await errorCode(response)).toBe("job_not_found");
    }
    const read = await owner.browser.call(getJob, `/api/jobs/${id}`, { params: { id } });
    expect(jobResponseSchema.parse(await read.json()).job.sharePath).toBeNull();
  });

  test("a bad body is 400 validation_failed and shares nothing", async () => {
    const { browser, userId } = await newGuest();
    const id = await job(userId, true);
    for (const json of [{ showPrompt: "yes" }, { other: 1 }, []]) {
      const response = await post(browser, id, { json });
      expect(response.status).toBe(400);
      expect(await errorCode(response)).toBe("validation_failed");
    }
    const read = await browser.call(getJob, `/api/jobs/${id}`, { params: { id } });
    expect(jobResponseSchema.parse(await read.json()).job.sharePath).toBeNull();
  });

  test("401 without a session, 403 from another site", async () => {
    const { browser, userId } = await newGuest();
    const id = await job(userId, true);
    const anonymous = await post(new TestBrowser(), id);
    expect(anonymous.status).toBe(401);
    const forged = await post(browser, id, { headers: { origin: "https://evil.example" } });
    expect(forged.status).toBe(403);
  });
});

describe("DELETE /api/jobs/:id/share", () => {
  test("204, again 204; the page is gone and a new share is a new URL", async () => {
    const { browser, userId } = await newGuest();
    const id = await job(userId, true);
    const { url } = shareJobResponseSchema.parse(await (await post(browser, id)).json());

    const first = await remove(browser, id);
    expect(first.status).toBe(204);
    expect(await first.text()).toBe("");
    expect(await getSharedVideo(tokenOf(url))).toBeNull();
    expect((await remove(browser, id)).status).toBe(204);

    const read = await browser.call(getJob, `/api/jobs/${id}`, { params: { id } });
    expect(jobResponseSchema.parse(await read.json()).job.sharePath).toBeNull();
    const again = shareJobResponseSchema.parse(await (await post(browser, id)).json());
    expect(again.url).not.toBe(url);
  });

  test("another user's job is 404 job_not_found and its page stays", async () => {
    const owner = await newGuest();
    const id = await job(owner.userId, true);
    const { url } = shareJobResponseSchema.parse(await (await post(owner.browser, id)).json());
    const stranger = await newGuest();
    const response = await remove(stranger.browser, id);
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe("job_not_found");
    expect(await getSharedVideo(tokenOf(url))).not.toBeNull();
  });

  test("401 without a session", async () => {
    const response = await remove(new TestBrowser(), randomUUID());
    expect(response.status).toBe(401);
  });
});
