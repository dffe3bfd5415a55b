import { generateKeyPairSync, randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { GET as getJob } from "@/app/api/jobs/[id]/route";
import { POST as createJob, GET as listJobs } from "@/app/api/jobs/route";
import { GET as getMedia } from "@/app/api/media/[...path]/route";
import { POST as startGuest } from "@/app/api/session/guest/route";
import { createJobResponseSchema, jobPageResponseSchema, jobResponseSchema } from "@/lib/contracts/api";
import type { Job } from "@/lib/contracts/job";
import { sweep } from "@/lib/server/jobs/sweeper";
import { eventually, openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import {
  type FalStandIn,
  sampleVideo,
  startFalStandIn,
  type WebhookOverride,
} from "@/scripts/test-support/stand-ins/fal";
import { POST as receiveWebhook } from "./route";

/**
 * Jobs through the fal adapter: real route handlers over a real database, and a fal stand-in
 * speaking fal's wire format (queue, status, result, cancel, ED25519-signed webhooks, a JWKS and
 * a real MP4). After every case the ledger adds up to every balance.
 */

const APP = "http://localhost:3000";
const KEY = "test-key-id:test-key-secret";

let route: RouteDb;
let fal: FalStandIn;
let textModel: string;
let imageModel: string;

beforeAll(async () => {
  fal = await startFalStandIn({ key: KEY });
  vi.stubEnv("VIDEO_PROVIDER", "fal");
  vi.stubEnv("FAL_KEY", KEY);
  vi.stubEnv("FAL_QUEUE_URL", fal.url);
  vi.stubEnv("FAL_JWKS_URL", fal.jwksUrl);
  vi.stubEnv("APP_URL", APP);
  route = await openRouteDatabase();
  const rows = await route.db.query<{ slug: string; id: string }>("select slug, id from public.models");
  const bySlug = Object.fromEntries(rows.rows.map((row) => [row.slug, row.id]));
  textModel = bySlug["ltx-2-fast"] as string;
  imageModel = bySlug["kling-2-5-turbo-pro-image-to-video"] as string;
});
afterAll(async () => {
  await route?.close();
  await fal?.close();
});
afterEach(async () => {
  await expectLedgerMatchesBalances();
});

async function expectLedgerMatchesBalances(): Promise<void> {
  const { rows } = await route.db.query<{ id: string; credits: number; ledger: number }>(
    `select u.id, u.credits, coalesce(sum(l.change), 0)::int as ledger
     from public.users u left join public.credit_ledger l on l.user_id = u.id
     group by u.id, u.credits`,
  );
  for (const row of rows) expect(row.ledger, `ledger of ${row.id}`).toBe(row.credits);
}

async function guest(): Promise<{ browser: TestBrowser; userId: string }> {
  const browser = new TestBrowser(APP);
  const response = await browser.call(startGuest, "/api/session/guest", { json: {} });
  expect(response.status).toBe(201);
  return { browser, userId: (await response.json()).user.id };
}

async function credits(userId: string): Promise<number> {
  const { rows } = await route.db.query<{ credits: number }>(
    "select credits from public.users where id = $1",
    [userId],
  );
  return rows[0]?.credits as number;
}

async function create(browser: TestBrowser, prompt = "A paper boat on a puddle at sunset") {
  const response = await browser.call(createJob, "/api/jobs", {
    json: { modelId: textModel, prompt, settings: {} },
    headers: { "idempotency-key": randomUUID() },
  });
  expect(response.status, await response.clone().text()).toBe(202);
  return createJobResponseSchema.parse(await response.json());
}

async function read(browser: TestBrowser, id: string): Promise<Job> {
  const response = await browser.call(getJob, `/api/jobs/${id}`, { params: { id } });
  expect(response.status).toBe(200);
  return jobResponseSchema.parse(await response.json()).job;
}

async function requestIdOf(jobId: string): Promise<string> {
  const { rows } = await route.db.query<{ provider_request_id: string | null }>(
    "select provider_request_id from public.video_jobs where id = $1",
    [jobId],
  );
  return rows[0]?.provider_request_id as string;
}

/** fal's delivery for a request, signed by the stand-in, handed to the route handler. */
async function deliver(
  requestId: string,
  override?: WebhookOverride,
  tamper: (body: string) => string = (body) => body,
) {
  const signed = fal.signedWebhook(requestId, override);
  const response = await receiveWebhook(
    new Request(signed.url, { method: "POST", headers: signed.headers, body: tamper(signed.body) }),
  );
  return { status: response.status, body: await response.json() };
}

/** Everything a webhook could change. */
async function snapshot(): Promise<unknown> {
  const jobs = await route.db.query(
    `select id, status, error_code, refunded_at, video_path, provider_request_id, provider_queue_position
     from public.video_jobs order by id`,
  );
  const ledger = await route.db.query(
    "select count(*)::int as n, sum(change)::int as total from public.credit_ledger",
  );
  return { jobs: jobs.rows, ledger: ledger.rows };
}

const posts = () => fal.count("POST");

describe("a job at fal", () => {
  test("is submitted once with the model's own input, completed by the webhook and served from our storage", async () => {
    const { browser, userId } = await guest();
    const before = posts();
    const created = await create(browser);
    expect(created.job).toMatchObject({ status: "pending", provider: "fal" });
    expect(created.credits).toBe(10 - created.job.creditsUsed);
    expect(posts() - before).toBe(1);

    const requestId = await requestIdOf(created.job.id);
    const request = fal.requests.get(requestId);
    expect(request?.endpointId).toBe("fal-ai/ltx-2/text-to-video/fast");
    expect(request?.input).toEqual({
      prompt: "A paper boat on a puddle at sunset",
      duration: 6,
      resolution: "1080p",
      generate_audio: true,
    });
    expect(request?.webhookUrl).toBe(`${APP}/api/webhooks/fal?job=${created.job.id}`);
    expect(fal.calls.at(-1)?.authorization).toBe(`Key ${KEY}`);

    const answer = await deliver(requestId);
    expect(answer).toEqual({ status: 200, body: { received: true, job: "completed" } });
    const job = await read(browser, created.job.id);
    expect(job).toMatchObject({ status: "completed", refunded: false, provider: "fal" });
    const video = await browser.call(getMedia, job.videoUrl as string, {
      params: { path: new URL(job.videoUrl as string, APP).pathname.split("/").slice(3) },
    });
    expect(video.status).toBe(200);
    expect(video.headers.get("content-type")).toBe("video/mp4");
    expect(Buffer.from(await video.arrayBuffer()).equals(await sampleVideo())).toBe(true);
    expect(job.thumbnailUrl).not.toBeNull();
    expect(await credits(userId)).toBe(10 - job.creditsUsed);
  });

  test("an image-to-video job sends fal a link to our stored photo", async () => {
    const { browser, userId } = await guest();
    const photo = `inputs/${userId}/photo.png`;
    const mediaDir = path.join(route.dataDir, "media", "inputs", userId);
    mkdirSync(mediaDir, { recursive: true });
    writeFileSync(path.join(mediaDir, "photo.png"), Buffer.from("89504e470d0a1a0a", "hex"));
    const response = await browser.call(createJob, "/api/jobs", {
      json: { modelId: imageModel, prompt: "The cat yawns", settings: {}, imageUrl: photo },
      headers: { "idempotency-key": randomUUID() },
    });
    expect(response.status, await response.clone().text()).toBe(202);
    const { job } = createJobResponseSchema.parse(await response.json());
    const input = fal.requests.get(await requestIdOf(job.id))?.input as Record<string, unknown>;
    expect(input).toMatchObject({ prompt: "The cat yawns", duration: "5" });
    expect(String(input.image_url)).toMatch(
      new RegExp(`^${APP}/api/media/inputs/${userId}/photo\\.png\\?exp=\\d+&sig=`),
    );
    expect(input).not.toHaveProperty("aspect_ratio");
    await deliver(await requestIdOf(job.id));
  });

  test("a submit fal refuses with 422 fails the job at once and refunds it", async () => {
    const { browser, userId } = await guest();
    fal.script({
      rejectSubmit: 422,
      body: {
        detail: [{ loc: ["body", "prompt"], msg: "Prompt is too long for this model", type: "value_error" }],
      },
    });
    const before = posts();
    const created = await create(browser);
    expect(posts() - before).toBe(1);
    expect(created.job).toMatchObject({ status: "failed", errorCode: "input_rejected", refunded: true });
    expect(created.credits).toBe(10);
    expect(await credits(userId)).toBe(10);
  });

  test("a 5xx or a dropped connection at submit is one POST, never retried; failed and refunded", async () => {
    for (const outcome of [
      { rejectSubmit: 503, body: { detail: "Service unavailable" } },
      "drop-submit",
    ] as const) {
      const { browser, userId } = await guest();
      fal.script(outcome);
      const before = posts();
      const created = await create(browser);
      expect(posts() - before).toBe(1);
      expect(created.job).toMatchObject({ status: "failed", errorCode: "provider_error", refunded: true });
      expect(await credits(userId)).toBe(10);
    }
  });

  test("an ERROR webhook for the safety filter fails with content_rejected and refunds once", async () => {
    const { browser, userId } = await guest();
    fal.script("hang");
    const { job } = await create(browser);
    const requestId = await requestIdOf(job.id);
    const body = {
      request_id: requestId,
      gateway_request_id: requestId,
      status: "ERROR",
      error: "Invalid status code: 422",
      payload: {
        detail: [
          { loc: ["body", "prompt"], msg: "The content was flagged", type: "content_policy_violation" },
        ],
      },
    };
    expect((await deliver(requestId, { body })).body).toEqual({ received: true, job: "failed" });
    expect((await deliver(requestId, { body })).status).toBe(200);
    expect(await read(browser, job.id)).toMatchObject({
      status: "failed",
      errorCode: "content_rejected",
      refunded: true,
    });
    expect(await credits(userId)).toBe(10);
    const { rows } = await route.db.query<{ n: number }>(
      "select count(*)::int as n from public.credit_ledger where job_id = $1 and kind = 'refund'",
      [job.id],
    );
    expect(rows[0]?.n).toBe(1);
  });

  test("an ERROR webhook whose output was not JSON (payload null, payload_error) fails as provider_error", async () => {
    const { browser } = await guest();
    fal.script("hang");
    const { job } = await create(browser);
    const requestId = await requestIdOf(job.id);
    const answer = await deliver(requestId, {
      body: {
        request_id: requestId,
        gateway_request_id: requestId,
        status: "ERROR",
        error: "Invalid status code: 500",
        payload: null,
        payload_error: "Response payload is not valid JSON",
      },
    });
    expect(answer.status).toBe(200);
    expect(await read(browser, job.id)).toMatchObject({
      status: "failed",
      errorCode: "provider_error",
      refunded: true,
    });
  });

  test("the same webhook delivered 10 times in parallel completes the job once", async () => {
    const { browser, userId } = await guest();
    fal.script("hang");
    const { job } = await create(browser);
    const requestId = await requestIdOf(job.id);
    const signed = fal.signedWebhook(requestId);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        receiveWebhook(
          new Request(signed.url, { method: "POST", headers: signed.headers, body: signed.body }),
        ),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    expect(await read(browser, job.id)).toMatchObject({ status: "completed", refunded: false });
    const { rows } = await route.db.query<{ kind: string }>(
      "select kind from public.credit_ledger where job_id = $1 order by id",
      [job.id],
    );
    expect(rows.map((row) => row.kind)).toEqual(["spend"]);
    expect(await credits(userId)).toBe(10 - job.creditsUsed);
  });

  test("a webhook that arrives before the submit's answer completes the job, and the submit's write agrees", async () => {
    const { browser } = await guest();
    fal.script({ slowSubmitMs: 1500 });
    const known = new Set(fal.requests.keys());
    const pending = create(browser);
    // fal has queued the request but not answered the submit yet.
    const requestId = await eventually(async () => [...fal.requests.keys()].find((id) => !known.has(id)));
    const early = await deliver(requestId);
    expect(early.body).toEqual({ received: true, job: "completed" });
    const created = await pending;
    expect(created.job.status).toBe("completed");
    const { rows } = await route.db.query<{
      provider_request_id: string;
      provider_cancel_url: string | null;
    }>("select provider_request_id, provider_cancel_url from public.video_jobs where id = $1", [
      created.job.id,
    ]);
    expect(rows[0]?.provider_request_id).toBe(requestId);
    expect(rows[0]?.provider_cancel_url).toContain(`/requests/${requestId}/cancel`);
  });

  test("an output fal no longer has (404) fails the job and refunds it", async () => {
    const { browser, userId } = await guest();
    fal.script("hang");
    const { job } = await create(browser);
    const requestId = await requestIdOf(job.id);
    fal.expireOutput(requestId);
    expect((await deliver(requestId)).body).toEqual({ received: true, job: "failed" });
    expect(await read(browser, job.id)).toMatchObject({
      status: "failed",
      errorCode: "provider_error",
      refunded: true,
    });
    expect(await credits(userId)).toBe(10);
  });

  test("when our storage is down the delivery is 503 (fal delivers again) and the job waits", async () => {
    const { browser } = await guest();
    fal.script("hang");
    const { job } = await create(browser);
    const requestId = await requestIdOf(job.id);
    const videos = path.join(route.dataDir, "media", "videos");
    rmSync(videos, { recursive: true, force: true });
    writeFileSync(videos, "not a folder");
    try {
      const answer = await deliver(requestId);
      expect(answer.status).toBe(503);
      expect(answer.body.error.code).toBe("service_unavailable");
      expect(await read(browser, job.id)).toMatchObject({ status: "pending", refunded: false });
    } finally {
      rmSync(videos, { force: true });
    }
    expect((await deliver(requestId)).body).toEqual({ received: true, job: "completed" });
  });
});

describe("a request that is not fal's, or not this job's, changes nothing", () => {
  let jobId: string;
  let requestId: string;

  beforeAll(async () => {
    const { browser } = await guest();
    fal.script("hang");
    jobId = (await create(browser)).job.id;
    requestId = await requestIdOf(jobId);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const cases: [
    why: string,
    override: () => WebhookOverride,
    status: number,
    tamper?: (body: string) => string,
  ][] = [
    ["a tampered body", () => ({}), 401, (body) => body.replace('"OK"', '"ERROR"')],
    ["a wrong signing key", () => ({ privateKey: generateKeyPairSync("ed25519").privateKey }), 401],
    ["a timestamp ten minutes old", () => ({ timestamp: now() - 600 }), 401],
    ["a timestamp ten minutes ahead", () => ({ timestamp: now() + 600 }), 401],
    ["no signature", () => ({ headers: { "x-fal-webhook-signature": "" } }), 401],
    [
      "a request id header that differs from the body",
      () => ({ headers: { "x-fal-webhook-request-id": "someone-else" } }),
      401,
    ],
    ["a body that is not fal's", () => ({ rawBody: "<xml/>" }), 401],
    ["no job in the address", () => ({ url: `${APP}/api/webhooks/fal` }), 400],
    ["a job id that is not one", () => ({ url: `${APP}/api/webhooks/fal?job=1%27%20or%201=1` }), 400],
    [
      "a job that does not exist (any more)",
      () => ({ url: `${APP}/api/webhooks/fal?job=${randomUUID()}` }),
      200,
    ],
  ];

  for (const [why, override, status, tamper] of cases) {
    test(why, async () => {
      const before = await snapshot();
      const answer = await deliver(requestId, override(), tamper);
      expect(answer.status).toBe(status);
      expect(await snapshot()).toEqual(before);
    });
  }

  test("a delivery for another request of fal's, signed, to this job's address", async () => {
    const { browser } = await guest();
    fal.script("hang");
    const other = await requestIdOf((await create(browser)).job.id);
    const before = await snapshot();
    const answer = await deliver(other, { url: `${APP}/api/webhooks/fal?job=${jobId}` });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "validation_failed", field: "request_id" });
    expect(await snapshot()).toEqual(before);
  });
});

describe("no job left behind", () => {
  async function backdate(jobId: string, seconds: number): Promise<void> {
    await route.db.query(
      `update public.video_jobs set created_at = created_at - make_interval(secs => $2), provider_checked_at = null
       where id = $1`,
      [jobId, seconds],
    );
  }

  test("a status read asks fal about a quiet job: queue position, running, then the result", async () => {
    const { browser } = await guest();
    fal.script("hang");
    const { job } = await create(browser);
    const requestId = await requestIdOf(job.id);
    await backdate(job.id, 60);
    const queued = await read(browser, job.id);
    expect(queued).toMatchObject({ status: "pending" });
    expect(queued.queuePosition).toBe((fal.requests.get(requestId)?.queuePosition ?? 0) + 1);

    fal.advance(requestId, "IN_PROGRESS");
    expect((await read(browser, job.id)).status).toBe("pending"); // asked a moment ago: not again yet
    await backdate(job.id, 0);
    expect(await read(browser, job.id)).toMatchObject({ status: "processing", queuePosition: null });

    fal.advance(requestId, "COMPLETED");
    await backdate(job.id, 0);
    await read(browser, job.id);
    const done = await eventually(async () => {
      const now = await read(browser, job.id);
      return now.status === "completed" ? now : undefined;
    });
    expect(done.videoUrl).not.toBeNull();
  });

  test("the sweeper recovers a lost webhook", async () => {
    const { browser } = await guest();
    fal.script("hang");
    const { job } = await create(browser);
    const requestId = await requestIdOf(job.id);
    fal.advance(requestId, "COMPLETED");
    await backdate(job.id, 60);
    await sweep();
    const done = await eventually(async () => {
      const now = await read(browser, job.id);
      return now.status === "completed" ? now : undefined;
    });
    expect(done.refunded).toBe(false);
  });

  test("a completed request whose result is a refusal fails the job with fal's reason", async () => {
    const { browser, userId } = await guest();
    fal.script({
      refuse: 422,
      detail: [{ loc: ["body", "prompt"], msg: "flagged", type: "content_policy_violation" }],
    });
    const { job } = await create(browser);
    fal.advance(await requestIdOf(job.id), "COMPLETED");
    await backdate(job.id, 60);
    await sweep();
    const failed = await eventually(async () => {
      const now = await read(browser, job.id);
      return now.status === "failed" ? now : undefined;
    });
    expect(failed).toMatchObject({ errorCode: "content_rejected", refunded: true });
    expect(await credits(userId)).toBe(10);
  });

  test("past its deadline a job is cancelled at fal, failed and refunded", async () => {
    const { browser, userId } = await guest();
    fal.script("hang");
    const { job } = await create(browser);
    const requestId = await requestIdOf(job.id);
    await route.db.query(
      "update public.video_jobs set deadline_at = now() - interval '1 second' where id = $1",
      [job.id],
    );
    const cancels = fal.count("PUT");
    await sweep();
    expect(fal.count("PUT") - cancels).toBe(1);
    expect(fal.calls.filter((call) => call.method === "PUT").at(-1)?.path).toContain(
      `/requests/${requestId}/cancel`,
    );
    expect(await read(browser, job.id)).toMatchObject({
      status: "failed",
      errorCode: "timeout",
      refunded: true,
    });
    expect(await credits(userId)).toBe(10);
  });

  test("past its deadline a job is failed and refunded when read, once, though no sweep ran (a daily cron)", async () => {
    const { browser, userId } = await guest();
    fal.script("hang", "hang");
    const { job } = await create(browser);
    const other = await create(browser, "A kite over a windy beach");
    await route.db.query(
      "update public.video_jobs set deadline_at = now() - interval '1 second' where id = $1",
      [job.id],
    );
    const cancels = fal.count("PUT");
    const reads = await Promise.all([
      read(browser, job.id),
      read(browser, job.id),
      browser.call(listJobs, "/api/jobs").then(async (response) => {
        expect(response.status).toBe(200);
        return jobPageResponseSchema.parse(await response.json()).jobs.find((listed) => listed.id === job.id);
      }),
    ]);
    for (const seen of reads) {
      expect(seen).toMatchObject({ status: "failed", errorCode: "timeout", refunded: true });
    }
    expect(fal.count("PUT") - cancels).toBe(1);
    // The cron's sweep comes later and finds nothing left to do.
    expect((await sweep()).failedJobs.map((failed) => failed.id)).not.toContain(job.id);
    expect(fal.count("PUT") - cancels).toBe(1);
    const { rows } = await route.db.query<{ n: number }>(
      "select count(*)::int as n from public.credit_ledger where job_id = $1 and kind = 'refund'",
      [job.id],
    );
    expect(rows[0]?.n).toBe(1);
    expect(await read(browser, other.job.id)).toMatchObject({ status: "pending" });
    expect(await credits(userId)).toBe(10 - other.job.creditsUsed);
  });

  test("a job whose submit never reached fal is failed and refunded, not left waiting", async () => {
    const { browser, userId } = await guest();
    fal.script("hang");
    const { job } = await create(browser);
    await route.db.query("update public.video_jobs set provider_request_id = null where id = $1", [job.id]);
    await backdate(job.id, 180);
    expect(await read(browser, job.id)).toMatchObject({ status: "failed", refunded: true });
    expect(await credits(userId)).toBe(10);
  });
});
