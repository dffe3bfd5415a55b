import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as getJob } from "@/app/api/jobs/[id]/route";
import { GET as getMe } from "@/app/api/me/route";
import { GET as getMedia } from "@/app/api/media/[...path]/route";
import {
  createJobResponseSchema,
  type JobPage,
  jobPageResponseSchema,
  jobResponseSchema,
} from "@/lib/contracts/api";
import { getRpc } from "@/lib/server/db";
import { generateResult } from "@/lib/server/db/functions";
import {
  eventually,
  newGuest,
  openRouteDatabase,
  type RouteDb,
  TestBrowser,
  waitForFreshMinute,
} from "@/scripts/test-support/routes";
import { POST as createJob, GET as listJobs } from "./route";

let route: RouteDb;
let models: Record<string, string>;

beforeAll(async () => {
  route = await openRouteDatabase();
  const rows = await route.db.query<{ slug: string; id: string }>("select slug, id from public.models");
  models = Object.fromEntries(rows.rows.map((r) => [r.slug, r.id]));
});
afterAll(() => route.close());

const body = (overrides: Record<string, unknown> = {}) => ({
  modelId: models["ltx-2-fast"],
  prompt: "A lighthouse in a storm, waves crashing",
  settings: {},
  ...overrides,
});

function post(
  browser: TestBrowser,
  json: unknown,
  key: string | null = randomUUID(),
  headers: Record<string, string> = {},
) {
  return browser.call(createJob, "/api/jobs", {
    json,
    headers: { ...(key ? { "idempotency-key": key } : {}), ...headers },
  });
}

async function state(userId: string) {
  const credits = await route.db.query<{ credits: number }>(
    "select credits from public.users where id = $1",
    [userId],
  );
  const jobs = await route.db.query<{ n: number }>(
    "select count(*)::int as n from public.video_jobs where user_id = $1",
    [userId],
  );
  return { credits: credits.rows[0]?.credits, jobs: jobs.rows[0]?.n };
}

describe("POST /api/jobs then GET /api/jobs/:id", () => {
  test("charges the price, renders a real video and serves it with Range support", async () => {
    const { browser } = await newGuest();
    const response = await post(browser, body());
    expect(response.status).toBe(202);
    const created = createJobResponseSchema.parse(await response.json());
    expect(created.credits).toBe(10 - created.job.creditsUsed);
    expect(["pending", "processing"]).toContain(created.job.status);

    const done = await eventually(async () => {
      const read = await browser.call(getJob, `/api/jobs/${created.job.id}`, {
        params: { id: created.job.id },
      });
      const { job } = jobResponseSchema.parse(await read.json());
      return job.status === "completed" || job.status === "failed" ? job : undefined;
    }, 60_000);
    expect(done).toMatchObject({ status: "completed", progress: 1, refunded: false });
    expect(done.videoUrl).toMatch(/^\/api\/media\/videos\//);
    expect(done.thumbnailUrl).toMatch(/^\/api\/media\/thumbnails\//);
    expect(done.downloadUrl).toMatch(/dl=/);

    const url = new URL(done.videoUrl as string, "http://localhost");
    const media = await browser.call(getMedia, url.pathname + url.search, {
      headers: { range: "bytes=0-99" },
      params: { path: url.pathname.replace("/api/media/", "").split("/") },
    });
    expect(media.status).toBe(206);
    expect(media.headers.get("content-type")).toBe("video/mp4");
    expect(media.headers.get("content-range")).toMatch(/^bytes 0-99\/\d+$/);
    const head = new Uint8Array(await media.arrayBuffer());
    expect(new TextDecoder().decode(head.slice(4, 8))).toBe("ftyp");

    const me = await (await browser.call(getMe, "/api/me")).json();
    expect(me.credits).toBe(created.credits);
  }, 90_000); // a real 6 s render: up to 60 s on a busy machine, as the wait above allows

  test("the same key and body replays the first answer; another body is a conflict", async () => {
    const { browser, userId } = await newGuest();
    const key = randomUUID();
    const first = createJobResponseSchema.parse(await (await post(browser, body(), key)).json());
    const replay = await post(browser, body(), key);
    expect(replay.status).toBe(202);
    expect(createJobResponseSchema.parse(await replay.json()).job.id).toBe(first.job.id);
    const before = await state(userId);
    const conflict = await post(browser, body({ prompt: "Something else" }), key);
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).error.code).toBe("idempotency_conflict");
    expect(await state(userId)).toEqual(before);
  });

  test("another user's job, an unknown job and a malformed id are all 404 job_not_found", async () => {
    const owner = await newGuest();
    const stranger = await newGuest();
    const { job } = createJobResponseSchema.parse(await (await post(owner.browser, body())).json());
    for (const id of [job.id, randomUUID(), "not-a-uuid"]) {
      const response = await stranger.browser.call(getJob, `/api/jobs/${id}`, { params: { id } });
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe("job_not_found");
    }
  });
});

describe("bad input is refused with its error and changes nothing", () => {
  const oversized = () => JSON.stringify(body({ prompt: "x".repeat(70 * 1024) }));
  const cases: [string, (b: TestBrowser) => Promise<Response>, number, string, string?][] = [
    ["no Idempotency-Key", (b) => post(b, body(), null), 400, "idempotency_key_required"],
    ["a malformed Idempotency-Key", (b) => post(b, body(), "abc"), 400, "idempotency_key_required"],
    [
      "a body that is not JSON",
      (b) =>
        b.call(createJob, "/api/jobs", {
          body: "{not json",
          headers: { "content-type": "application/json", "idempotency-key": randomUUID() },
        }),
      400,
      "validation_failed",
      "body",
    ],
    [
      "a body that is not declared JSON",
      (b) =>
        b.call(createJob, "/api/jobs", {
          body: JSON.stringify(body()),
          headers: { "content-type": "text/plain", "idempotency-key": randomUUID() },
        }),
      400,
      "validation_failed",
      "body",
    ],
    [
      "a body over 64 KB",
      (b) =>
        b.call(createJob, "/api/jobs", {
          body: oversized(),
          headers: { "content-type": "application/json", "idempotency-key": randomUUID() },
        }),
      413,
      "payload_too_large",
    ],
    ["an empty prompt", (b) => post(b, body({ prompt: "" })), 400, "validation_failed", "prompt"],
    ["a blank prompt", (b) => post(b, body({ prompt: " \n\t " })), 400, "validation_failed", "prompt"],
    [
      "a prompt over 1000 characters",
      (b) => post(b, body({ prompt: "y".repeat(1001) })),
      400,
      "validation_failed",
      "prompt",
    ],
    ["a malformed model id", (b) => post(b, body({ modelId: "ltx" })), 400, "validation_failed", "modelId"],
    ["an unknown model", (b) => post(b, body({ modelId: randomUUID() })), 404, "model_not_found"],
    [
      "a duration the model does not offer",
      (b) => post(b, body({ settings: { durationSeconds: 7 } })),
      400,
      "validation_failed",
      "settings.durationSeconds",
    ],
    [
      "a resolution the model does not offer",
      (b) => post(b, body({ settings: { resolution: "480p" } })),
      400,
      "validation_failed",
      "settings.resolution",
    ],
    [
      "an unknown setting",
      (b) => post(b, body({ settings: { fps: 60 } })),
      400,
      "validation_failed",
      "settings",
    ],
    ["an unknown field", (b) => post(b, body({ userId: randomUUID() })), 400, "validation_failed"],
    [
      "an image for a text-to-video model",
      (b) => post(b, body({ imageUrl: "inputs/x/y.jpg" })),
      400,
      "validation_failed",
      "imageUrl",
    ],
    [
      "no image for an image-to-video model",
      (b) => post(b, body({ modelId: models["sora-2-image-to-video"] })),
      400,
      "validation_failed",
      "imageUrl",
    ],
    [
      "someone else's uploaded image",
      (b) =>
        post(b, body({ modelId: models["sora-2-image-to-video"], imageUrl: `inputs/${randomUUID()}/a.jpg` })),
      400,
      "validation_failed",
      "imageUrl",
    ],
    [
      "settings that cost more than the balance",
      (b) =>
        post(b, body({ modelId: models["veo-3-1-fast"], settings: { durationSeconds: 8, audio: true } })),
      402,
      "insufficient_credits",
    ],
    [
      "another site's page",
      (b) => post(b, body(), randomUUID(), { origin: "https://evil.example" }),
      403,
      "forbidden",
    ],
  ];

  for (const [why, send, status, code, field] of cases) {
    test(why, async () => {
      const { browser, userId } = await newGuest();
      const before = await state(userId);
      const response = await send(browser);
      expect(response.status).toBe(status);
      const { error } = await response.json();
      expect(error.code).toBe(code);
      if (field) expect(error.field).toBe(field);
      expect(error.message).toEqual(expect.any(String));
      expect(await state(userId)).toEqual(before);
    });
  }

  test("without a session: 401", async () => {
    const response = await post(new TestBrowser(), body());
    expect(response.status).toBe(401);
  });
});

describe("limits and history", () => {
  test("more than 6 generations a minute is 429 with Retry-After, and is not charged", async () => {
    const { browser, userId } = await newGuest();
    await route.db.query("update public.users set credits = 100 where id = $1", [userId]);
    await route.db.query(
      "insert into public.credit_ledger (user_id, kind, change, balance_after) values ($1, 'admin', 90, 100)",
      [userId],
    );
    await waitForFreshMinute();
    for (let i = 0; i < 6; i++) expect((await post(browser, body())).status).toBe(202);
    const before = await state(userId);
    const limited = await post(browser, body());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await state(userId)).toEqual(before);
  }, 90_000);

  test("GET /api/jobs lists the user's jobs newest first; bad paging is 400", async () => {
    const { browser } = await newGuest();
    const a = createJobResponseSchema.parse(await (await post(browser, body({ prompt: "first" }))).json());
    const b = createJobResponseSchema.parse(await (await post(browser, body({ prompt: "second" }))).json());
    const page = jobPageResponseSchema.parse(
      await (await browser.call(listJobs, "/api/jobs?limit=1")).json(),
    );
    expect(page.jobs.map((j) => j.id)).toEqual([b.job.id]);
    const next = jobPageResponseSchema.parse(
      await (
        await browser.call(listJobs, `/api/jobs?limit=1&cursor=${encodeURIComponent(page.nextCursor ?? "")}`)
      ).json(),
    );
    expect(next.jobs.map((j) => j.id)).toEqual([a.job.id]);
    const search = jobPageResponseSchema.parse(
      await (await browser.call(listJobs, "/api/jobs?q=firs")).json(),
    );
    expect(search.jobs.map((j) => j.id)).toEqual([a.job.id]);
    for (const query of ["limit=0", "limit=101", "limit=ten", "cursor=bogus"]) {
      const bad = await browser.call(listJobs, `/api/jobs?${query}`);
      expect(bad.status, query).toBe(400);
    }
  });
});

describe("GET /api/jobs: history paging, search and retention", () => {
  /** `count` jobs of one user, made by the SQL function (no rate limit, no renders), oldest first. */
  async function userWithJobs(prompts: string[]) {
    const { browser, userId } = await newGuest();
    await route.db.query("update public.users set credits = 1000 where id = $1", [userId]);
    await route.db.query(
      "insert into public.credit_ledger (user_id, kind, change, balance_after) values ($1, 'admin', 990, 1000)",
      [userId],
    );
    const rpc = await getRpc();
    const ids: string[] = [];
    for (const prompt of prompts) {
      const { job } = await rpc.call(
        "generate_video",
        {
          p_user_id: userId,
          p_idempotency_key: randomUUID(),
          p_model_id: models["ltx-2-fast"],
          p_prompt: prompt,
        },
        generateResult,
      );
      ids.push(job.id);
    }
    return { browser, userId, ids };
  }

  async function page(browser: TestBrowser, query: string) {
    const response = await browser.call(listJobs, `/api/jobs?${query}`);
    expect(response.status, query).toBe(200);
    return jobPageResponseSchema.parse(await response.json());
  }

  test("pages through more than 20 jobs, 20 at a time, newest first, each job once", async () => {
    const prompts = Array.from({ length: 45 }, (_, i) => `Scene number ${i}`);
    const { browser, ids } = await userWithJobs(prompts);
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const next: JobPage = await page(browser, cursor ? `cursor=${encodeURIComponent(cursor)}` : "");
      sizes.push(next.jobs.length);
      seen.push(...next.jobs.map((j) => j.id));
      cursor = next.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([20, 20, 5]);
    expect(seen).toEqual([...ids].reverse());
  });

  test("q finds jobs by any part of the prompt, case-insensitively, across pages; no hit is an empty page", async () => {
    const prompts = Array.from({ length: 24 }, (_, i) =>
      i % 2 ? `A CAT on a roof ${i}` : `A dog at sea ${i}`,
    );
    const { browser, ids } = await userWithJobs(prompts);
    const cats = ids.filter((_, i) => i % 2).reverse();
    const first = await page(browser, "q=cat%20ON&limit=10");
    expect(first.jobs.map((j) => j.id)).toEqual(cats.slice(0, 10));
    const second = await page(
      browser,
      `q=cat%20ON&limit=10&cursor=${encodeURIComponent(first.nextCursor ?? "")}`,
    );
    expect(second.jobs.map((j) => j.id)).toEqual(cats.slice(10));
    expect(second.nextCursor).toBeNull();
    // LIKE wildcards are plain text.
    expect(await page(browser, "q=%25")).toEqual({ jobs: [], nextCursor: null });
    expect(await page(browser, "q=a_cat")).toEqual({ jobs: [], nextCursor: null });
    expect(await page(browser, "q=unicorn")).toEqual({ jobs: [], nextCursor: null });
  });

  test("jobs past their 7 days and other users' jobs are not listed", async () => {
    const { browser, ids } = await userWithJobs(["kept", "too old"]);
    await route.db.query(
      "update public.video_jobs set created_at = now() - interval '8 days', expires_at = now() - interval '1 day' where id = $1",
      [ids[1]],
    );
    await userWithJobs(["someone else's"]);
    const listed = await page(browser, "");
    expect(listed.jobs.map((j) => j.id)).toEqual([ids[0]]);
    expect(listed.jobs[0]?.expiresAt).toEqual(expect.any(String));
  });

  test("without a session: 401", async () => {
    const response = await new TestBrowser().call(listJobs, "/api/jobs");
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthorized");
  });
});
