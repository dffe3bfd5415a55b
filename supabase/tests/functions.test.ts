import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { modelInputsSchema, modelPricingSchema } from "../../lib/contracts/catalog";
import { priceCredits, resolveSettings } from "../../lib/contracts/pricing";
import * as r from "../../lib/server/db/functions";
import {
  balance,
  createUser,
  expectAppError,
  expectLedgerMatchesBalances,
  modelBySlug,
} from "../../scripts/test-support/db/fixtures";
import { openTestDb, type TestDb } from "../../scripts/test-support/db/test-db";

/**
 * The database contract: every SQL function's behaviour, through the adapter under test
 * (PGlite, a PostgreSQL server, or supabase-js over PostgREST's wire format).
 */

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await expectLedgerMatchesBalances(db);
  await db.close();
});

const textModel = () => modelBySlug(db, "ltx");
const imageModel = () => modelBySlug(db, "sora-2-image");

async function generate(userId: string, overrides: Record<string, unknown> = {}) {
  const model = await textModel();
  return db.rpc.call(
    "generate_video",
    {
      p_user_id: userId,
      p_idempotency_key: randomUUID(),
      p_model_id: model.id,
      p_prompt: "A paper boat sails across a puddle at sunset",
      p_settings: {},
      ...overrides,
    },
    r.generateResult,
  );
}

describe("health and catalog", () => {
  test("health_check answers ok", async () => {
    expect((await db.rpc.call("health_check", {}, r.healthResult)).ok).toBe(true);
  });

  test("the catalog lists available models featured first, both kinds, localized", async () => {
    const en = await db.rpc.call("list_catalog", { p_locale: "en" }, r.catalogResult);
    const tr = await db.rpc.call("list_catalog", { p_locale: "tr" }, r.catalogResult);
    expect(en.models.length).toBeGreaterThanOrEqual(6);
    expect(new Set(en.models.map((m) => m.category))).toEqual(new Set(["text-to-video", "image-to-video"]));
    const featured = en.models.map((m) => m.isFeatured);
    expect(featured).toEqual([...featured].sort((a, b) => Number(b) - Number(a)));
    expect(tr.models[0]?.description).not.toEqual(en.models[0]?.description);
    expect(en.themes.length).toBeGreaterThanOrEqual(5);

    await db.sql("update public.models set is_available = false where id = $1", [en.models[0]?.id]);
    const after = await db.rpc.call("list_catalog", { p_locale: "en" }, r.catalogResult);
    await db.sql("update public.models set is_available = true where id = $1", [en.models[0]?.id]);
    expect(after.models.map((m) => m.id)).not.toContain(en.models[0]?.id);
  });

  test("every theme's default settings are valid for its recommended model", async () => {
    const { themes } = await db.rpc.call("list_catalog", { p_locale: "es" }, r.catalogResult);
    for (const theme of themes) {
      expect(theme.modelId).not.toBeNull();
      const price = await db.rpc.call(
        "price_of",
        { p_model_id: theme.modelId, p_settings: theme.defaultSettings },
        r.priceResult,
      );
      expect(price.credits).toBeGreaterThan(0);
    }
  });

  test("get_model finds a model by id or slug, in the asked language", async () => {
    const model = await textModel();
    const byId = await db.rpc.call("get_model", { p_model: model.id, p_locale: "en" }, r.modelResult);
    const bySlug = await db.rpc.call("get_model", { p_model: model.slug, p_locale: "es" }, r.modelResult);
    expect(byId.model.id).toBe(model.id);
    expect(bySlug.model.id).toBe(model.id);
    expect(bySlug.model.description).not.toBe(byId.model.description);
  });

  test("credit products are the five packs, the 50-credit one popular", async () => {
    const { products } = await db.rpc.call("list_credit_products", { p_locale: "en" }, r.productsResult);
    expect(products.map((p) => [p.credits, p.priceCents])).toEqual([
      [10, 99],
      [25, 199],
      [50, 299],
      [100, 499],
      [250, 999],
    ]);
    expect(products.filter((p) => p.isPopular).map((p) => p.credits)).toEqual([50]);
  });

  test("price_of agrees with the browser's pricing for every model and every setting", async () => {
    const { models } = await db.rpc.call("list_catalog", { p_locale: "en" }, r.catalogResult);
    let checked = 0;
    for (const model of models) {
      const inputs = modelInputsSchema.parse(model.inputs);
      const pricing = modelPricingSchema.parse(model.pricing);
      const audioChoices = inputs.audio === "optional" ? [true, false] : [undefined];
      for (const durationSeconds of inputs.durations) {
        for (const resolution of inputs.resolutions) {
          for (const audio of audioChoices) {
            const requested = { durationSeconds, resolution, aspectRatio: inputs.aspectRatios.at(-1), audio };
            const settings = resolveSettings(inputs, requested);
            expect(settings, `${model.slug} ${JSON.stringify(requested)}`).toBeDefined();
            const sql = await db.rpc.call(
              "price_of",
              { p_model_id: model.id, p_settings: JSON.parse(JSON.stringify(requested)) },
              r.priceResult,
            );
            expect(sql.settings).toEqual(settings);
            expect(sql.credits).toBe(priceCredits(pricing, sql.settings));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe("users", () => {
  test("onboarding creates the user once and grants the welcome credits once", async () => {
    const id = randomUUID();
    await db.sql("insert into auth.users (id, is_anonymous) values ($1, true)", [id]);
    const first = await db.rpc.call("onboard_user", { p_user_id: id, p_language: "tr" }, r.onboardResult);
    const again = await db.rpc.call("onboard_user", { p_user_id: id, p_language: "es" }, r.onboardResult);
    expect(first).toMatchObject({
      created: true,
      granted: true,
      user: { credits: 10, isGuest: true, language: "tr" },
    });
    expect(again).toMatchObject({ created: false, granted: false, user: { credits: 10, language: "tr" } });
    const grants = await db.sql("select count(*)::int as n from public.credit_ledger where user_id = $1", [
      id,
    ]);
    expect(grants[0]?.n).toBe(1);
  });

  test("an auth user with an email becomes a registered user", async () => {
    const id = await createUser(db, { email: "Ada@Example.com" });
    const { user } = await db.rpc.call("get_me", { p_user_id: id }, r.meResult);
    expect(user).toMatchObject({ isGuest: false, email: "ada@example.com", credits: 10 });
  });

  test("update_settings changes only what is given", async () => {
    const id = await createUser(db);
    const a = await db.rpc.call("update_settings", { p_user_id: id, p_language: "es" }, r.meResult);
    const b = await db.rpc.call("update_settings", { p_user_id: id, p_theme: "dark" }, r.meResult);
    expect(a.user).toMatchObject({ language: "es", theme: "system" });
    expect(b.user).toMatchObject({ language: "es", theme: "dark" });
  });
});

describe("generate_video", () => {
  test("charges the price, creates a pending job and a spend ledger row", async () => {
    const user = await createUser(db);
    const model = await textModel();
    const price = await db.rpc.call("price_of", { p_model_id: model.id, p_settings: {} }, r.priceResult);
    const { job, credits, replayed } = await generate(user);
    expect(replayed).toBe(false);
    expect(credits).toBe(10 - price.credits);
    expect(await balance(db, user)).toBe(credits);
    expect(job).toMatchObject({
      status: "pending",
      creditsUsed: price.credits,
      settings: price.settings,
      model: { id: model.id },
      provider: "local",
      refunded: false,
    });
    expect(job.queuePosition).toBeNull(); // only a remote provider's queue has places to tell
    expect(Date.parse(job.expiresAt) - Date.parse(job.createdAt)).toBe(7 * 24 * 3600 * 1000);
    const ledger = await db.sql(
      "select kind, change, balance_after from public.credit_ledger where job_id = $1",
      [job.id],
    );
    expect(ledger).toEqual([{ kind: "spend", change: -price.credits, balance_after: credits }]);
  });

  test("the same key and body replays the first answer and charges nothing", async () => {
    const user = await createUser(db);
    const key = randomUUID();
    const first = await generate(user, { p_idempotency_key: key });
    const second = await generate(user, { p_idempotency_key: key });
    expect(second.replayed).toBe(true);
    expect(second.job.id).toBe(first.job.id);
    expect(second.credits).toBe(first.credits);
    expect(await balance(db, user)).toBe(first.credits);
  });

  test("the same key with another body is a conflict; another user's same key is independent", async () => {
    const user = await createUser(db);
    const other = await createUser(db);
    const key = randomUUID();
    await generate(user, { p_idempotency_key: key });
    const before = await balance(db, user);
    await expectAppError(
      generate(user, { p_idempotency_key: key, p_prompt: "Different" }),
      "idempotency_conflict",
    );
    expect(await balance(db, user)).toBe(before);
    expect((await generate(other, { p_idempotency_key: key })).replayed).toBe(false);
  });

  test("insufficient credits charges nothing and creates no job", async () => {
    const user = await createUser(db);
    const veo = await modelBySlug(db, "veo-3-1-fast");
    await expectAppError(
      generate(user, { p_model_id: veo.id, p_settings: { durationSeconds: 8, audio: true } }),
      "insufficient_credits",
    );
    expect(await balance(db, user)).toBe(10);
    const jobs = await db.sql("select count(*)::int as n from public.video_jobs where user_id = $1", [user]);
    expect(jobs[0]?.n).toBe(0);
  });

  test("an image model needs an image from the user's own upload folder", async () => {
    const user = await createUser(db);
    const model = await imageModel();
    await expectAppError(generate(user, { p_model_id: model.id }), "validation_failed", "imageUrl");
    const { job } = await generate(user, {
      p_model_id: model.id,
      p_input_image_path: `inputs/${user}/${randomUUID()}.jpg`,
      p_settings: { durationSeconds: 4, aspectRatio: "9:16" },
    });
    expect(job.inputImagePath).toMatch(new RegExp(`^inputs/${user}/`));
    expect(job.settings.aspectRatio).toBe("9:16");
  });

  test("the prompt is stored trimmed", async () => {
    const user = await createUser(db);
    const { job } = await generate(user, { p_prompt: "  a fox in snow \n" });
    expect(job.prompt).toBe("a fox in snow");
  });
});

describe("job transitions", () => {
  test("pending -> processing -> completed, each idempotent, progress only forward", async () => {
    const user = await createUser(db);
    const { job } = await generate(user);
    const p1 = await db.rpc.call(
      "mark_job_processing",
      { p_job_id: job.id, p_provider_request_id: `req-${job.id}`, p_progress: 0.5 },
      r.jobChangeResult,
    );
    const p2 = await db.rpc.call(
      "mark_job_processing",
      { p_job_id: job.id, p_progress: 0.2 },
      r.jobChangeResult,
    );
    expect(p1.job).toMatchObject({ status: "processing", progress: 0.5, providerRequestId: `req-${job.id}` });
    expect(p1.changed).toBe(true);
    // Already processing: not a transition, so no second instance starts the job again.
    expect(p2.changed).toBe(false);
    expect(p2.job.progress).toBe(0.5);
    expect(p2.job.queuePosition).toBeNull();

    const done = {
      p_job_id: job.id,
      p_video_path: `videos/${job.id}.mp4`,
      p_thumbnail_path: `thumbs/${job.id}.jpg`,
    };
    const c1 = await db.rpc.call("mark_job_completed", done, r.jobChangeResult);
    const c2 = await db.rpc.call(
      "mark_job_completed",
      { ...done, p_video_path: "other.mp4" },
      r.jobChangeResult,
    );
    expect(c1).toMatchObject({
      changed: true,
      job: { status: "completed", progress: 1, videoPath: done.p_video_path },
    });
    expect(c2).toMatchObject({ changed: false, job: { videoPath: done.p_video_path } });
    expect(c1.job.completedAt).not.toBeNull();

    const late = await db.rpc.call(
      "mark_job_failed",
      { p_job_id: job.id, p_error_code: "provider_error" },
      r.jobFailResult,
    );
    const late2 = await db.rpc.call("mark_job_processing", { p_job_id: job.id }, r.jobChangeResult);
    expect(late).toMatchObject({ changed: false, job: { status: "completed", refunded: false } });
    expect(late2.changed).toBe(false);
  });

  test("a failure refunds exactly once, however often it is reported", async () => {
    const user = await createUser(db);
    const { job, credits } = await generate(user);
    const fail = () =>
      db.rpc.call("mark_job_failed", { p_job_id: job.id, p_error_code: "provider_error" }, r.jobFailResult);
    const first = await fail();
    const second = await fail();
    expect(first).toMatchObject({ changed: true, credits: 10, job: { status: "failed", refunded: true } });
    expect(second).toMatchObject({ changed: false, credits: 10 });
    expect(credits).toBe(10 - job.creditsUsed);
    const completed = await db.rpc.call(
      "mark_job_completed",
      { p_job_id: job.id, p_video_path: "late.mp4" },
      r.jobChangeResult,
    );
    expect(completed).toMatchObject({ changed: false, job: { status: "failed", videoPath: null } });
    const refunds = await db.sql(
      "select count(*)::int as n from public.credit_ledger where job_id = $1 and kind = 'refund'",
      [job.id],
    );
    expect(refunds[0]?.n).toBe(1);
  });
});

describe("jobs at a remote provider", () => {
  const urls = (id: string) => ({
    p_status_url: `https://queue.example/owner/app/requests/${id}/status`,
    p_response_url: `https://queue.example/owner/app/requests/${id}`,
    p_cancel_url: `https://queue.example/owner/app/requests/${id}/cancel`,
  });

  test("a queued job keeps its request once, shows the provider's position, and loses it when it runs", async () => {
    const user = await createUser(db);
    const { job } = await generate(user, { p_provider: "fal" });
    expect(job.queuePosition).toBeNull(); // not submitted yet: no position to tell
    const request = `fal-${job.id}`;
    const queued = await db.rpc.call(
      "record_job_queued",
      { p_job_id: job.id, p_provider_request_id: request, ...urls(request), p_queue_position: 0 },
      r.jobChangeResult,
    );
    expect(queued.changed).toBe(true);
    expect(queued.job).toMatchObject({
      status: "pending",
      queuePosition: 1,
      providerRequestId: request,
      providerCancelUrl: urls(request).p_cancel_url,
    });
    const again = await db.rpc.call(
      "record_job_queued",
      { p_job_id: job.id, p_queue_position: 4 },
      r.jobChangeResult,
    );
    expect(again).toMatchObject({ changed: false, job: { queuePosition: 5, providerRequestId: request } });
    await expect(
      db.rpc.call(
        "record_job_queued",
        { p_job_id: job.id, p_provider_request_id: "other" },
        r.jobChangeResult,
      ),
    ).rejects.toMatchObject({ code: "idempotency_conflict" });

    const running = await db.rpc.call("mark_job_processing", { p_job_id: job.id }, r.jobChangeResult);
    expect(running).toMatchObject({ changed: true, job: { status: "processing", queuePosition: null } });
    const late = await db.rpc.call(
      "record_job_queued",
      { p_job_id: job.id, p_queue_position: 2 },
      r.jobChangeResult,
    );
    expect(late.job).toMatchObject({ status: "processing", queuePosition: null });
  });

  test("a webhook that comes before the submit's own write sets the request; the submit's write agrees", async () => {
    const user = await createUser(db);
    const { job } = await generate(user, { p_provider: "fal" });
    const request = `fal-early-${job.id}`;
    const done = await db.rpc.call(
      "mark_job_completed",
      { p_job_id: job.id, p_video_path: `videos/${job.id}.mp4` },
      r.jobChangeResult,
    );
    expect(done.changed).toBe(true);
    const submitted = await db.rpc.call(
      "record_job_queued",
      { p_job_id: job.id, p_provider_request_id: request, ...urls(request), p_queue_position: 7 },
      r.jobChangeResult,
    );
    expect(submitted.job).toMatchObject({
      status: "completed",
      providerRequestId: request,
      queuePosition: null,
    });
  });

  test("only one caller at a time may ask the provider about a job, and never about a final one", async () => {
    const user = await createUser(db);
    const { job } = await generate(user, { p_provider: "fal" });
    const claims = await Promise.all(
      Array.from({ length: 5 }, () =>
        db.rpc.call("claim_job_check", { p_job_id: job.id, p_min_seconds: 60 }, r.jobClaimResult),
      ),
    );
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    await db.sql(
      `update public.video_jobs set provider_checked_at = now() - interval '61 seconds' where id = $1`,
      [job.id],
    );
    const later = await db.rpc.call(
      "claim_job_check",
      { p_job_id: job.id, p_min_seconds: 60 },
      r.jobClaimResult,
    );
    expect(later.claimed).toBe(true);
    await db.rpc.call(
      "mark_job_failed",
      { p_job_id: job.id, p_error_code: "provider_error" },
      r.jobFailResult,
    );
    await db.sql(`update public.video_jobs set provider_checked_at = null where id = $1`, [job.id]);
    const final = await db.rpc.call(
      "claim_job_check",
      { p_job_id: job.id, p_min_seconds: 1 },
      r.jobClaimResult,
    );
    expect(final.claimed).toBe(false);
  });
});

describe("reading and deleting jobs", () => {
  test("get_job shows only the owner's unexpired job; find_job sees any", async () => {
    const owner = await createUser(db);
    const stranger = await createUser(db);
    const { job } = await generate(owner);
    expect((await db.rpc.call("get_job", { p_user_id: owner, p_job_id: job.id }, r.jobResult)).job.id).toBe(
      job.id,
    );
    await expectAppError(
      db.rpc.call("get_job", { p_user_id: stranger, p_job_id: job.id }, r.jobResult),
      "job_not_found",
    );
    expect((await db.rpc.call("find_job", { p_job_id: job.id }, r.jobResult)).job.userId).toBe(owner);
    await db.sql("update public.video_jobs set expires_at = now() - interval '1 second' where id = $1", [
      job.id,
    ]);
    await expectAppError(
      db.rpc.call("get_job", { p_user_id: owner, p_job_id: job.id }, r.jobResult),
      "job_not_found",
    );
  });

  test("list_jobs pages newest first without overlap, and searches prompts literally", async () => {
    const user = await createUser(db);
    await db.sql("update public.users set credits = 1000 where id = $1", [user]);
    await db.sql(
      "insert into public.credit_ledger (user_id, kind, change, balance_after) values ($1, 'admin', 990, 1000)",
      [user],
    );
    const prompts = Array.from({ length: 25 }, (_, i) => (i === 7 ? "100% real_cat" : `clip number ${i}`));
    const ids: string[] = [];
    for (const prompt of prompts) ids.push((await generate(user, { p_prompt: prompt })).job.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const page: { jobs: { id: string }[]; nextCursor: string | null } = await db.rpc.call(
        "list_jobs",
        { p_user_id: user, p_limit: 10, p_cursor: cursor },
        r.jobPageResult,
      );
      sizes.push(page.jobs.length);
      seen.push(...page.jobs.map((j) => j.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([10, 10, 5]);
    expect(seen).toEqual([...ids].reverse());

    const literal = await db.rpc.call(
      "list_jobs",
      { p_user_id: user, p_query: "100% REAL_" },
      r.jobPageResult,
    );
    expect(literal.jobs.map((j) => j.prompt)).toEqual(["100% real_cat"]);
    const wildcard = await db.rpc.call("list_jobs", { p_user_id: user, p_query: "%" }, r.jobPageResult);
    expect(wildcard.jobs).toHaveLength(1);
    const exact = await db.rpc.call("list_jobs", { p_user_id: user, p_limit: 25 }, r.jobPageResult);
    expect(exact.nextCursor).toBeNull();
  });

  test("delete_job removes a finished job and returns its media paths", async () => {
    const user = await createUser(db);
    const { job } = await generate(user);
    await expectAppError(
      db.rpc.call("delete_job", { p_user_id: user, p_job_id: job.id }, r.mediaRemovalResult),
      "job_in_progress",
    );
    await db.rpc.call(
      "mark_job_completed",
      { p_job_id: job.id, p_video_path: "videos/a.mp4", p_thumbnail_path: "thumbs/a.jpg" },
      r.jobChangeResult,
    );
    const deleted = await db.rpc.call(
      "delete_job",
      { p_user_id: user, p_job_id: job.id },
      r.mediaRemovalResult,
    );
    expect(deleted.mediaPaths.sort()).toEqual(["thumbs/a.jpg", "videos/a.mp4"]);
    await expectAppError(db.rpc.call("find_job", { p_job_id: job.id }, r.jobResult), "job_not_found");
    const spend = await db.sql(
      "select job_id from public.credit_ledger where user_id = $1 and kind = 'spend'",
      [user],
    );
    expect(spend).toEqual([{ job_id: null }]);
  });
});

describe("recovering overdue jobs on read", () => {
  async function overdue(userId: string) {
    const { job } = await generate(userId);
    await db.sql("update public.video_jobs set deadline_at = now() - interval '1 minute' where id = $1", [
      job.id,
    ]);
    return job;
  }
  const recover = (userId: string) =>
    db.rpc.call("recover_overdue_jobs", { p_user_id: userId }, r.recoverResult);

  test("fails and refunds only the reader's jobs past their deadline, once", async () => {
    const user = await createUser(db);
    const other = await createUser(db);
    const stale = await overdue(user);
    const fresh = (await generate(user)).job;
    const othersStale = await overdue(other);
    const before = await balance(db, user);

    const first = await recover(user);
    expect(first.failedJobs).toEqual([
      expect.objectContaining({ id: stale.id, status: "failed", errorCode: "timeout", refunded: true }),
    ]);
    expect(await balance(db, user)).toBe(before + stale.creditsUsed);
    expect((await recover(user)).failedJobs).toEqual([]);
    expect(await balance(db, user)).toBe(before + stale.creditsUsed);
    const stillRunning = await db.rpc.call("find_job", { p_job_id: fresh.id }, r.jobResult);
    expect(stillRunning.job.status).toBe("pending");
    const notYours = await db.rpc.call("find_job", { p_job_id: othersStale.id }, r.jobResult);
    expect(notYours.job.status).toBe("pending");
  });

  test("reads and the sweep racing refund an overdue job exactly once", async () => {
    const user = await createUser(db);
    const stale = await overdue(user);
    const before = await balance(db, user);
    const answers = await Promise.all([
      ...Array.from({ length: 8 }, () => recover(user)),
      db.rpc.call("sweep", {}, r.sweepResult),
    ]);
    const refunds = await db.sql(
      "select count(*)::int as n from public.credit_ledger where job_id = $1 and kind = 'refund'",
      [stale.id],
    );
    expect(refunds[0]?.n).toBe(1);
    expect(await balance(db, user)).toBe(before + stale.creditsUsed);
    const announced = answers.flatMap((a) => a.failedJobs.filter((job) => job.id === stale.id));
    expect(announced).toHaveLength(1);
  });
});

describe("credits", () => {
  async function product(credits: number) {
    const { products } = await db.rpc.call("list_credit_products", { p_locale: "en" }, r.productsResult);
    const found = products.find((p) => p.credits === credits);
    if (!found) throw new Error(`no ${credits}-credit product`);
    return found;
  }

  test("a purchase grants once per external reference", async () => {
    const user = await createUser(db, { email: `buyer-${randomUUID()}@example.com` });
    const pack = await product(50);
    const ref = `cs_test_${randomUUID()}`;
    const args = { p_user_id: user, p_product_id: pack.id, p_external_ref: ref };
    const first = await db.rpc.call("grant_purchase", args, r.purchaseResult);
    const again = await db.rpc.call("grant_purchase", args, r.purchaseResult);
    expect(first).toEqual({ granted: true, creditsAdded: 50, credits: 60 });
    expect(again).toEqual({ granted: false, creditsAdded: 0, credits: 60 });
  });

  test("guests cannot buy", async () => {
    const guest = await createUser(db);
    const pack = await product(10);
    await expectAppError(
      db.rpc.call(
        "grant_purchase",
        { p_user_id: guest, p_product_id: pack.id, p_external_ref: "ref-guest" },
        r.purchaseResult,
      ),
      "forbidden",
    );
  });

  test("a reversed purchase takes credits back, never below zero, once", async () => {
    const user = await createUser(db, { email: `rev-${randomUUID()}@example.com` });
    const pack = await product(25);
    const ref = `pi_${randomUUID()}`;
    await db.rpc.call(
      "grant_purchase",
      { p_user_id: user, p_product_id: pack.id, p_external_ref: ref },
      r.purchaseResult,
    );
    // Spend most of it so the balance is below the pack's size.
    await db.sql("update public.users set credits = 0 where id = $1", [user]);
    await db.sql(
      "insert into public.credit_ledger (user_id, kind, change, balance_after) values ($1, 'admin', -35, 0)",
      [user],
    );
    await db.sql("update public.users set credits = 7 where id = $1", [user]);
    await db.sql(
      "insert into public.credit_ledger (user_id, kind, change, balance_after) values ($1, 'admin', 7, 7)",
      [user],
    );
    const reversal = { p_external_ref: ref, p_reversal_ref: `${ref}:refund` };
    const first = await db.rpc.call("reverse_purchase", reversal, r.reversalResult);
    const again = await db.rpc.call("reverse_purchase", reversal, r.reversalResult);
    expect(first).toEqual({ reversed: true, creditsRemoved: 7, credits: 0 });
    expect(again).toEqual({ reversed: false, creditsRemoved: 0, credits: 0 });
  });

  test("a refund and a dispute on one purchase never take back more than it gave", async () => {
    const user = await createUser(db, { email: `twice-${randomUUID()}@example.com` });
    const pack = await product(10);
    const ref = `pi_${randomUUID()}`;
    await db.rpc.call(
      "grant_purchase",
      { p_user_id: user, p_product_id: pack.id, p_external_ref: ref },
      r.purchaseResult,
    );
    const refund = await db.rpc.call(
      "reverse_purchase",
      { p_external_ref: ref, p_reversal_ref: `${ref}:refund` },
      r.reversalResult,
    );
    const dispute = await db.rpc.call(
      "reverse_purchase",
      { p_external_ref: ref, p_reversal_ref: `${ref}:dispute` },
      r.reversalResult,
    );
    expect(refund).toEqual({ reversed: true, creditsRemoved: 10, credits: 10 });
    expect(dispute).toEqual({ reversed: true, creditsRemoved: 0, credits: 10 });
  });

  test("the ledger pages newest first", async () => {
    const user = await createUser(db);
    for (let i = 0; i < 3; i++) await generate(user);
    const first = await db.rpc.call("list_ledger", { p_user_id: user, p_limit: 2 }, r.ledgerPageResult);
    expect(first.entries.map((e) => e.kind)).toEqual(["spend", "spend"]);
    const second = await db.rpc.call(
      "list_ledger",
      { p_user_id: user, p_limit: 2, p_cursor: first.nextCursor },
      r.ledgerPageResult,
    );
    expect(second.entries.map((e) => e.kind)).toEqual(["spend", "grant"]);
    expect(second.nextCursor).toBeNull();
    expect(second.entries.at(-1)?.balanceAfter).toBe(10);
  });
});

describe("accounts", () => {
  test("merging a guest moves jobs and credits into the account in one step", async () => {
    const guest = await createUser(db);
    const account = await createUser(db, { email: `merge-${randomUUID()}@example.com` });
    const { job, credits: guestCredits } = await generate(guest);
    const merged = await db.rpc.call(
      "merge_guest",
      { p_guest_id: guest, p_target_id: account },
      r.mergeResult,
    );
    expect(merged).toMatchObject({
      creditsMerged: guestCredits,
      jobsMoved: 1,
      user: { id: account, credits: 10 + guestCredits },
    });
    expect(
      (await db.rpc.call("get_job", { p_user_id: account, p_job_id: job.id }, r.jobResult)).job.userId,
    ).toBe(account);
    expect(await db.sql("select id from public.users where id = $1", [guest])).toEqual([]);
    // A job that fails after the merge refunds the account, once.
    const failed = await db.rpc.call(
      "mark_job_failed",
      { p_job_id: job.id, p_error_code: "provider_error" },
      r.jobFailResult,
    );
    expect(failed.credits).toBe(10 + guestCredits + job.creditsUsed);
  });

  test("deleting an account removes the user, jobs, ledger and returns media paths", async () => {
    const user = await createUser(db);
    const { job } = await generate(user, { p_prompt: "to be deleted" });
    await db.rpc.call(
      "mark_job_completed",
      { p_job_id: job.id, p_video_path: "videos/x.mp4" },
      r.jobChangeResult,
    );
    const result = await db.rpc.call("delete_account", { p_user_id: user }, r.mediaRemovalResult);
    expect(result.mediaPaths).toEqual(["videos/x.mp4"]);
    for (const table of ["users", "video_jobs", "credit_ledger", "idempotency_records"]) {
      const column = table === "users" ? "id" : "user_id";
      const rows = await db.sql(`select 1 from public.${table} where ${column} = $1`, [user]);
      expect(rows, table).toEqual([]);
    }
  });
});

describe("operations", () => {
  test("rate limits allow the limit, then say when to retry", async () => {
    const bucket = `generate:user:${randomUUID()}`;
    const call = () =>
      db.rpc.call(
        "check_rate_limit",
        { p_bucket: bucket, p_limit: 3, p_window_seconds: 60 },
        r.rateLimitResult,
      );
    expect((await call()).remaining).toBe(2);
    await call();
    expect((await call()).remaining).toBe(0);
    const error = await expectAppError(call(), "rate_limited");
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  test("a webhook event is applied the first time only", async () => {
    const args = { p_provider: "stripe", p_event_id: `evt_${randomUUID()}` };
    expect(await db.rpc.call("record_webhook_event", args, r.webhookEventResult)).toEqual({
      firstTime: true,
    });
    expect(await db.rpc.call("record_webhook_event", args, r.webhookEventResult)).toEqual({
      firstTime: false,
    });
  });

  test("the sweeper fails and refunds stale jobs and removes expired ones with their media", async () => {
    const user = await createUser(db);
    const stale = (await generate(user)).job;
    const old = (await generate(user)).job;
    await db.rpc.call(
      "mark_job_completed",
      { p_job_id: old.id, p_video_path: `videos/${old.id}.mp4`, p_thumbnail_path: `thumbs/${old.id}.jpg` },
      r.jobChangeResult,
    );
    await db.sql("update public.video_jobs set deadline_at = now() - interval '1 minute' where id = $1", [
      stale.id,
    ]);
    await db.sql("update public.video_jobs set expires_at = now() - interval '1 minute' where id = $1", [
      old.id,
    ]);
    await db.sql(
      "update public.idempotency_records set expires_at = now() - interval '1 minute' where user_id = $1",
      [user],
    );
    const before = await balance(db, user);
    const swept = await db.rpc.call("sweep", {}, r.sweepResult);
    expect(swept.jobsFailed).toBeGreaterThanOrEqual(1);
    expect(swept.failedJobs).toHaveLength(swept.jobsFailed);
    expect(swept.failedJobs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: stale.id, status: "failed", errorCode: "timeout", refunded: true }),
      ]),
    );
    expect(swept.mediaPaths).toEqual(
      expect.arrayContaining([`videos/${old.id}.mp4`, `thumbs/${old.id}.jpg`]),
    );
    expect(swept.idempotencyRemoved).toBeGreaterThanOrEqual(2);
    expect(await balance(db, user)).toBe(before + stale.creditsUsed);
    const staleNow = await db.rpc.call("find_job", { p_job_id: stale.id }, r.jobResult);
    expect(staleNow.job).toMatchObject({ status: "failed", errorCode: "timeout", refunded: true });
    await expectAppError(db.rpc.call("find_job", { p_job_id: old.id }, r.jobResult), "job_not_found");
    const again = await db.rpc.call("sweep", {}, r.sweepResult);
    expect(again).toMatchObject({ jobsFailed: 0, failedJobs: [], jobsExpired: 0, mediaPaths: [] });
  });
});
