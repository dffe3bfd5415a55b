import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { z } from "zod";
import type { ErrorCode } from "../../lib/errors";
import * as results from "../../lib/server/db/functions";
import {
  balance,
  createUser,
  expectAppError,
  expectLedgerMatchesBalances,
  fingerprint,
} from "../../scripts/test-support/db/fixtures";
import { openTestDb, type TestDb } from "../../scripts/test-support/db/test-db";

/**
 * Every bad argument to every public SQL function gives its catalogue error (and field) and
 * changes nothing. Each function has a base call that is valid (most of them would write if
 * they ran); each case changes one argument of it, so a missing check shows up as a call that
 * succeeds, writes, or fails with another code.
 */

// ---------------------------------------------------------------------------------------------
// Fixtures, arranged once in beforeAll
// ---------------------------------------------------------------------------------------------

type Fixtures = {
  /** Guest with a pending and a processing job (idempotency key `pendingKey`). */
  guestA: string;
  /** Guest with a completed (image-to-video) and a failed job. */
  guestB: string;
  /** Guest with the untouched 10 welcome credits; the user of the generate_video cases. */
  fresh: string;
  /** Registered user who bought pack-10 with external reference "ext-reg-1". */
  reg: string;
  /** Registered user whose purchase "ext-reg2-1" was reversed by "rev-reg2-1". */
  reg2: string;
  /** An auth user that was never onboarded (no profile row). */
  noProfile: string;
  /** Auth users whose email cannot become a profile: no "@", and reg's email in upper case. */
  badEmail: string;
  dupEmail: string;
  pendingKey: string;
  pendingJob: string;
  processingJob: string;
  completedJob: string;
  failedJob: string;
  /** Model ids: text-to-video (ltx: optional audio, veo: pricey, kling: never audio, sora: always audio). */
  ltx: string;
  veo: string;
  kling: string;
  sora: string;
  /** Image-to-video, image required. */
  wan: string;
  /** Switched off in the arrange step and used by no other case. */
  offModel: string;
  offModelSlug: string;
  theme: string;
  offTheme: string;
  pack10: string;
  pack25: string;
  inactivePack: string;
};

let db: TestDb;
let f: Fixtures;

const UNKNOWN_ID = "00000000-0000-4000-8000-00000000dead";

beforeAll(async () => {
  db = await openTestDb();

  const catalog = await db.rpc.call("list_catalog", { p_locale: "en" }, results.catalogResult);
  const model = (slug: string) => {
    const found = catalog.models.find((m) => m.slug === slug);
    if (!found) throw new Error(`seeded model ${slug} missing`);
    return found.id;
  };
  const theme = (slug: string) => {
    const found = catalog.themes.find((t) => t.slug === slug);
    if (!found) throw new Error(`seeded theme ${slug} missing`);
    return found.id;
  };
  const { products } = await db.rpc.call("list_credit_products", { p_locale: "en" }, results.productsResult);
  const product = (slug: string) => {
    const found = products.find((p) => p.slug === slug);
    if (!found) throw new Error(`seeded product ${slug} missing`);
    return found.id;
  };

  const [guestA, guestB, fresh, reg, reg2] = await Promise.all([
    createUser(db),
    createUser(db),
    createUser(db),
    createUser(db, { email: "registered@example.com" }),
    createUser(db, { email: "registered2@example.com" }),
  ]);
  const noProfile = randomUUID();
  await db.sql("insert into auth.users (id, email, is_anonymous) values ($1, null, true)", [noProfile]);
  const [badEmail, dupEmail] = [randomUUID(), randomUUID()];
  await db.sql("insert into auth.users (id, email, is_anonymous) values ($1, 'no-at-sign', false)", [
    badEmail,
  ]);
  await db.sql(
    "insert into auth.users (id, email, is_anonymous) values ($1, 'REGISTERED@example.com', false)",
    [dupEmail],
  );

  f = {
    guestA,
    guestB,
    fresh,
    reg,
    reg2,
    noProfile,
    badEmail,
    dupEmail,
    pendingKey: randomUUID(),
    pendingJob: "",
    processingJob: "",
    completedJob: "",
    failedJob: "",
    ltx: model("ltx-2-fast"),
    veo: model("veo-3-1-fast"),
    kling: model("kling-2-5-turbo-pro"),
    sora: model("sora-2-text-to-video"),
    wan: model("wan-2-5-image-to-video"),
    offModel: model("kling-2-5-turbo-pro-image-to-video"),
    offModelSlug: "kling-2-5-turbo-pro-image-to-video",
    theme: theme("summer-beach"),
    offTheme: theme("birthday-party"),
    pack10: product("pack-10"),
    pack25: product("pack-25"),
    inactivePack: product("pack-250"),
  };

  // Jobs in every state, made with the same base arguments the generate_video cases start from.
  const generate = async (args: Args) =>
    (await db.rpc.call("generate_video", args, results.generateResult)).job.id;
  f.pendingJob = await generate({ ...generateBase(f), p_user_id: f.guestA, p_idempotency_key: f.pendingKey });
  f.processingJob = await generate({ ...generateBase(f), p_user_id: f.guestA });
  await db.rpc.call(
    "mark_job_processing",
    { p_job_id: f.processingJob, p_provider_request_id: "req-processing", p_progress: 0.25 },
    results.jobChangeResult,
  );
  f.completedJob = await generate({
    ...generateBase(f),
    p_user_id: f.guestB,
    p_model_id: f.wan,
    p_settings: {},
    p_input_image_path: `inputs/${f.guestB}/photo.png`,
  });
  await db.rpc.call(
    "mark_job_completed",
    { p_job_id: f.completedJob, p_video_path: `videos/${f.guestB}/done.mp4` },
    results.jobChangeResult,
  );
  f.failedJob = await generate({ ...generateBase(f), p_user_id: f.guestB });
  await db.rpc.call(
    "mark_job_failed",
    { p_job_id: f.failedJob, p_error_code: "provider_error" },
    results.jobFailResult,
  );

  await db.rpc.call(
    "grant_purchase",
    { p_user_id: f.reg, p_product_id: f.pack10, p_external_ref: "ext-reg-1" },
    results.purchaseResult,
  );
  await db.rpc.call(
    "grant_purchase",
    { p_user_id: f.reg2, p_product_id: f.pack10, p_external_ref: "ext-reg2-1" },
    results.purchaseResult,
  );
  await db.rpc.call(
    "reverse_purchase",
    { p_external_ref: "ext-reg2-1", p_reversal_ref: "rev-reg2-1" },
    results.reversalResult,
  );

  await db.sql("update public.models set is_available = false where id = $1", [f.offModel]);
  await db.sql("update public.themes set is_available = false where id = $1", [f.offTheme]);
  await db.sql("update public.credit_products set is_active = false where id = $1", [f.inactivePack]);

  const states = await db.sql("select id, status from public.video_jobs");
  expect(Object.fromEntries(states.map((r) => [r.id, r.status]))).toEqual({
    [f.pendingJob]: "pending",
    [f.processingJob]: "processing",
    [f.completedJob]: "completed",
    [f.failedJob]: "failed",
  });
  expect(await balance(db, f.fresh)).toBe(10);
  expect(await balance(db, f.reg)).toBe(20);
});

afterAll(async () => {
  await db?.close();
});

// ---------------------------------------------------------------------------------------------
// The cases
// ---------------------------------------------------------------------------------------------

type Args = Record<string, unknown>;
type Patch = Args | ((f: Fixtures) => Args);
/** [why, the arguments that differ from the base call, expected code, expected field] */
type Row = [why: string, patch: Patch, code: ErrorCode, field?: string];
type Case = { fn: Fn; why: string; args: () => Args; code: ErrorCode; field: string | undefined };

const schemas = {
  onboard_user: results.onboardResult,
  get_me: results.meResult,
  update_settings: results.meResult,
  list_catalog: results.catalogResult,
  get_model: results.modelResult,
  list_credit_products: results.productsResult,
  price_of: results.priceResult,
  generate_video: results.generateResult,
  mark_job_processing: results.jobChangeResult,
  record_job_queued: results.jobChangeResult,
  claim_job_check: results.jobClaimResult,
  mark_job_completed: results.jobChangeResult,
  mark_job_failed: results.jobFailResult,
  get_job: results.jobResult,
  recover_overdue_jobs: results.recoverResult,
  find_job: results.jobResult,
  list_in_flight_jobs: results.jobListResult,
  local_auth_create_user: results.localAuthUserResult,
  list_jobs: results.jobPageResult,
  delete_job: results.mediaRemovalResult,
  grant_purchase: results.purchaseResult,
  begin_checkout: results.checkoutBeginResult,
  record_checkout: results.checkoutRecordResult,
  reverse_purchase: results.reversalResult,
  merge_guest: results.mergeResult,
  delete_account: results.mediaRemovalResult,
  check_rate_limit: results.rateLimitResult,
  record_webhook_event: results.webhookEventResult,
  list_ledger: results.ledgerPageResult,
  local_auth_issue_code: results.localCodeIssueResult,
  local_auth_verify_code: results.localCodeVerifyResult,
  local_auth_start_session: results.localSessionResult,
  local_auth_check_session: results.localSessionCheckResult,
  local_auth_renew_session: results.localSessionRenewResult,
  local_auth_end_sessions: results.localSessionsEndResult,
  local_outbox_send: results.outboxSendResult,
  local_outbox_list: results.outboxResult,
  complete_sign_in: results.signInResult,
  save_push_subscription: results.pushSaveResult,
  delete_push_subscription: results.pushDeleteResult,
  list_push_subscriptions: results.pushListResult,
  forget_push_subscription: results.pushForgetResult,
  share_job: results.shareResult,
  unshare_job: results.unshareResult,
  list_share_tokens: results.shareTokensResult,
  get_shared_video: results.sharedVideoResult,
} satisfies Record<string, z.ZodType>;
type Fn = keyof typeof schemas;

const cases: Case[] = [];
const bases: Partial<Record<Fn, (f: Fixtures) => Args>> = {};

function bad(fn: Fn, base: (f: Fixtures) => Args, rows: Row[]): void {
  bases[fn] = base;
  for (const [why, patch, code, field] of rows) {
    cases.push({
      fn,
      why,
      code,
      field,
      args: () => ({ ...base(f), ...(typeof patch === "function" ? patch(f) : patch) }),
    });
  }
}

const long = (n: number) => "x".repeat(n);
const malformed = "abc";

/** A valid generate_video call for the fresh guest: LTX-2 Fast, 6 s 1080p, 3 credits. */
function generateBase(f: Fixtures): Args {
  return {
    p_user_id: f.fresh,
    p_idempotency_key: randomUUID(),
    p_model_id: f.ltx,
    p_prompt: "A red fox running through fresh snow",
    p_settings: { durationSeconds: 6, resolution: "1080p" },
    p_provider: "local",
  };
}

/** Settings no model accepts, or the given model does not offer: [why, model, settings, field]. */
const badSettings: [string, (f: Fixtures) => string, unknown, string | undefined][] = [
  ["settings is a JSON array", (f) => f.ltx, [], "settings"],
  ["settings is a JSON number", (f) => f.ltx, 6, "settings"],
  ["settings is a JSON string", (f) => f.ltx, '"1080p"', "settings"],
  ["settings is JSON null", (f) => f.ltx, "null", "settings"],
  ["settings is not JSON at all", (f) => f.ltx, "durationSeconds=6", undefined],
  ["unknown setting key", (f) => f.ltx, { fps: 25 }, "settings.fps"],
  ["unknown key beside valid settings", (f) => f.ltx, { durationSeconds: 6, seed: 1 }, "settings.seed"],
  ["duration the model does not offer", (f) => f.ltx, { durationSeconds: 5 }, "settings.durationSeconds"],
  ["duration as a string", (f) => f.ltx, { durationSeconds: "6" }, "settings.durationSeconds"],
  ["fractional duration", (f) => f.ltx, { durationSeconds: 6.5 }, "settings.durationSeconds"],
  ["negative duration", (f) => f.ltx, { durationSeconds: -6 }, "settings.durationSeconds"],
  ["huge duration", (f) => f.ltx, { durationSeconds: 1e12 }, "settings.durationSeconds"],
  ["duration as a boolean", (f) => f.ltx, { durationSeconds: true }, "settings.durationSeconds"],
  ["resolution the model does not offer", (f) => f.ltx, { resolution: "720p" }, "settings.resolution"],
  ["resolution as a number", (f) => f.ltx, { resolution: 1080 }, "settings.resolution"],
  ["resolution as an array", (f) => f.ltx, { resolution: ["1080p"] }, "settings.resolution"],
  ["aspect ratio the model does not offer", (f) => f.ltx, { aspectRatio: "9:16" }, "settings.aspectRatio"],
  ["malformed aspect ratio", (f) => f.ltx, { aspectRatio: "16x9" }, "settings.aspectRatio"],
  ["audio as a string", (f) => f.ltx, { audio: "yes" }, "settings.audio"],
  ["audio as a number", (f) => f.ltx, { audio: 1 }, "settings.audio"],
  ["audio on a model that has none", (f) => f.kling, { audio: true }, "settings.audio"],
  ["no audio on a model that always has it", (f) => f.sora, { audio: false }, "settings.audio"],
];

// Accounts -------------------------------------------------------------------------------------

bad("onboard_user", (f) => ({ p_user_id: f.guestA, p_language: "tr" }), [
  ["null user id", { p_user_id: null }, "validation_failed", "userId"],
  ["malformed user id", { p_user_id: malformed }, "validation_failed"],
  ["user id unknown to auth", { p_user_id: UNKNOWN_ID }, "unauthorized"],
  ["language not offered", { p_language: "fr" }, "validation_failed", "language"],
  ["empty language", { p_language: "" }, "validation_failed", "language"],
  ["upper-case language", { p_language: "EN" }, "validation_failed", "language"],
  ["an email without @", (f) => ({ p_user_id: f.badEmail }), "validation_failed", "email"],
  [
    "an email another user has, in other letter case",
    (f) => ({ p_user_id: f.dupEmail }),
    "validation_failed",
    "email",
  ],
]);

bad("get_me", (f) => ({ p_user_id: f.guestA }), [
  ["null user id", { p_user_id: null }, "unauthorized"],
  ["malformed user id", { p_user_id: malformed }, "validation_failed"],
  ["unknown user", { p_user_id: UNKNOWN_ID }, "unauthorized"],
  ["auth user without a profile", (f) => ({ p_user_id: f.noProfile }), "unauthorized"],
]);

bad("update_settings", (f) => ({ p_user_id: f.guestA, p_language: "es", p_theme: "dark" }), [
  ["language not offered", { p_language: "fr" }, "validation_failed", "language"],
  ["empty language", { p_language: "" }, "validation_failed", "language"],
  ["upper-case language", { p_language: "ES" }, "validation_failed", "language"],
  ["theme not offered", { p_theme: "blue" }, "validation_failed", "theme"],
  ["upper-case theme", { p_theme: "Dark" }, "validation_failed", "theme"],
  ["null user id", { p_user_id: null }, "unauthorized"],
  ["malformed user id", { p_user_id: malformed }, "validation_failed"],
  ["unknown user", { p_user_id: UNKNOWN_ID }, "unauthorized"],
  ["auth user without a profile", (f) => ({ p_user_id: f.noProfile }), "unauthorized"],
]);

bad("merge_guest", (f) => ({ p_guest_id: f.guestA, p_target_id: f.reg }), [
  ["null guest id", { p_guest_id: null }, "validation_failed", "guestId"],
  ["null target id", { p_target_id: null }, "validation_failed", "targetId"],
  ["merging a user into itself", (f) => ({ p_target_id: f.guestA }), "validation_failed", "targetId"],
  ["malformed guest id", { p_guest_id: malformed }, "validation_failed"],
  ["malformed target id", { p_target_id: malformed }, "validation_failed"],
  ["unknown guest", { p_guest_id: UNKNOWN_ID }, "unauthorized"],
  ["guest without a profile", (f) => ({ p_guest_id: f.noProfile }), "unauthorized"],
  ["unknown target", { p_target_id: UNKNOWN_ID }, "not_found"],
  ["merging a registered user (not a guest)", (f) => ({ p_guest_id: f.reg2 }), "forbidden"],
  ["target is a guest", (f) => ({ p_target_id: f.guestB }), "forbidden"],
]);

bad("delete_account", (f) => ({ p_user_id: f.guestB }), [
  ["null user id", { p_user_id: null }, "unauthorized"],
  ["malformed user id", { p_user_id: malformed }, "validation_failed"],
  ["unknown user", { p_user_id: UNKNOWN_ID }, "unauthorized"],
  ["auth user without a profile", (f) => ({ p_user_id: f.noProfile }), "unauthorized"],
]);

// Catalog --------------------------------------------------------------------------------------

bad("list_catalog", () => ({ p_locale: "en" }), [
  ["null locale", { p_locale: null }, "validation_failed", "locale"],
  ["locale not offered", { p_locale: "fr" }, "validation_failed", "locale"],
  ["region-qualified locale", { p_locale: "en-US" }, "validation_failed", "locale"],
  ["empty locale", { p_locale: "" }, "validation_failed", "locale"],
]);

bad("get_model", (f) => ({ p_model: f.ltx, p_locale: "en" }), [
  ["locale not offered", { p_locale: "de" }, "validation_failed", "locale"],
  ["null locale", { p_locale: null }, "validation_failed", "locale"],
  ["null model", { p_model: null }, "model_not_found"],
  ["empty model", { p_model: "" }, "model_not_found"],
  ["unknown slug", { p_model: "no-such-model" }, "model_not_found"],
  ["unknown id", { p_model: UNKNOWN_ID }, "model_not_found"],
  ["over-long model reference", { p_model: long(101) }, "model_not_found"],
  ["slug of an unavailable model", (f) => ({ p_model: f.offModelSlug }), "model_not_found"],
  ["id of an unavailable model", (f) => ({ p_model: f.offModel }), "model_not_found"],
]);

bad("list_credit_products", () => ({ p_locale: "tr" }), [
  ["null locale", { p_locale: null }, "validation_failed", "locale"],
  ["locale not offered", { p_locale: "it" }, "validation_failed", "locale"],
  ["upper-case locale", { p_locale: "TR" }, "validation_failed", "locale"],
]);

bad("price_of", (f) => ({ p_model_id: f.ltx, p_settings: { durationSeconds: 8 } }), [
  ["null model id", { p_model_id: null }, "validation_failed", "modelId"],
  ["malformed model id", { p_model_id: malformed }, "validation_failed"],
  ["slug instead of an id", { p_model_id: "ltx-2-fast" }, "validation_failed"],
  ["unknown model", { p_model_id: UNKNOWN_ID }, "model_not_found"],
  ["unavailable model", (f) => ({ p_model_id: f.offModel, p_settings: {} }), "model_unavailable"],
  ...badSettings.map(
    ([why, model, settings, field]): Row => [
      why,
      (f) => ({ p_model_id: model(f), p_settings: settings }),
      "validation_failed",
      field,
    ],
  ),
]);

// Jobs -----------------------------------------------------------------------------------------

bad("generate_video", generateBase, [
  ["null user id", { p_user_id: null }, "unauthorized"],
  ["malformed user id", { p_user_id: malformed }, "validation_failed"],
  ["unknown user", { p_user_id: UNKNOWN_ID }, "unauthorized"],
  ["auth user without a profile", (f) => ({ p_user_id: f.noProfile }), "unauthorized"],
  ["null idempotency key", { p_idempotency_key: null }, "idempotency_key_required"],
  ["malformed idempotency key", { p_idempotency_key: malformed }, "validation_failed"],
  [
    "idempotency key reused with another prompt",
    (f) => ({ p_user_id: f.guestA, p_idempotency_key: f.pendingKey, p_prompt: "Something else" }),
    "idempotency_conflict",
  ],
  [
    "idempotency key reused with other settings",
    (f) => ({ p_user_id: f.guestA, p_idempotency_key: f.pendingKey, p_settings: { durationSeconds: 8 } }),
    "idempotency_conflict",
  ],
  ["per-minute limit of 0", { p_per_minute: 0 }, "validation_failed", "limit"],
  ["negative per-minute limit", { p_per_minute: -1 }, "validation_failed", "limit"],
  ["null provider", { p_provider: null }, "validation_failed", "provider"],
  ["unknown provider", { p_provider: "openai" }, "validation_failed", "provider"],
  ["upper-case provider", { p_provider: "LOCAL" }, "validation_failed", "provider"],
  ["null prompt", { p_prompt: null }, "validation_failed", "prompt"],
  ["empty prompt", { p_prompt: "" }, "validation_failed", "prompt"],
  ["blank prompt", { p_prompt: "  \t\n  " }, "validation_failed", "prompt"],
  ["prompt over 1000 characters", { p_prompt: long(1001) }, "validation_failed", "prompt"],
  ["prompt with a NUL character", { p_prompt: "red\u0000fox" }, "validation_failed"],
  ["null model id", { p_model_id: null }, "validation_failed", "modelId"],
  ["malformed model id", { p_model_id: malformed }, "validation_failed"],
  ["unknown model", { p_model_id: UNKNOWN_ID }, "model_not_found"],
  [
    "unavailable model",
    (f) => ({
      p_model_id: f.offModel,
      p_settings: {},
      p_input_image_path: `inputs/${f.fresh}/photo.png`,
    }),
    "model_unavailable",
  ],
  ["unknown theme", { p_theme_id: UNKNOWN_ID }, "validation_failed", "themeId"],
  ["malformed theme id", { p_theme_id: malformed }, "validation_failed"],
  ["unavailable theme", (f) => ({ p_theme_id: f.offTheme }), "validation_failed", "themeId"],
  [
    "image for a text-only model",
    (f) => ({ p_input_image_path: `inputs/${f.fresh}/photo.png` }),
    "validation_failed",
    "imageUrl",
  ],
  [
    "image model without an image",
    (f) => ({ p_model_id: f.wan, p_settings: {} }),
    "validation_failed",
    "imageUrl",
  ],
  [
    "image model with an empty image path",
    (f) => ({ p_model_id: f.wan, p_settings: {}, p_input_image_path: "" }),
    "validation_failed",
    "imageUrl",
  ],
  ...(
    [
      ["image in another user's folder", (f) => `inputs/${f.guestB}/photo.png`],
      ["image path climbing out with ..", (f) => `inputs/${f.fresh}/../${f.guestB}/photo.png`],
      ["image path that is only ..", (f) => `inputs/${f.fresh}/../../secret.png`],
      ["image path with a sub-folder", (f) => `inputs/${f.fresh}/nested/photo.png`],
      ["absolute image path", (f) => `/inputs/${f.fresh}/photo.png`],
      ["image path outside inputs/", (f) => `videos/${f.fresh}/photo.png`],
      ["image URL instead of a path", (f) => `https://example.com/inputs/${f.fresh}/photo.png`],
      ["image that is not a picture", (f) => `inputs/${f.fresh}/photo.gif`],
      ["image path with a trailing newline", (f) => `inputs/${f.fresh}/photo.png\n`],
      ["image path with the user id in upper case", (f) => `inputs/${f.fresh.toUpperCase()}/photo.png`],
      ["image name over 100 characters", (f) => `inputs/${f.fresh}/${long(101)}.png`],
    ] as [string, (f: Fixtures) => string][]
  ).map(
    ([why, path]): Row => [
      why,
      (f) => ({ p_model_id: f.wan, p_settings: {}, p_input_image_path: path(f) }),
      "validation_failed",
      "imageUrl",
    ],
  ),
  ...badSettings.map(
    ([why, model, settings, field]): Row => [
      why,
      (f) => ({ p_model_id: model(f), p_settings: settings }),
      "validation_failed",
      field,
    ],
  ),
  [
    "settings priced above a 10-credit balance (12 credits)",
    (f) => ({ p_model_id: f.veo, p_settings: { durationSeconds: 8, resolution: "1080p", audio: true } }),
    "insufficient_credits",
  ],
  [
    "longest duration above a 10-credit balance (20 credits)",
    (f) => ({ p_model_id: f.sora, p_settings: { durationSeconds: 20 } }),
    "insufficient_credits",
  ],
]);

bad(
  "mark_job_processing",
  (f) => ({ p_job_id: f.pendingJob, p_provider_request_id: "req-new", p_progress: 0.5 }),
  [
    ["null job id", { p_job_id: null }, "validation_failed", "jobId"],
    ["malformed job id", { p_job_id: malformed }, "validation_failed"],
    ["unknown job", { p_job_id: UNKNOWN_ID }, "job_not_found"],
    ["negative progress", { p_progress: -0.1 }, "validation_failed", "progress"],
    ["progress above 1", { p_progress: 1.01 }, "validation_failed", "progress"],
    ["NaN progress", { p_progress: "NaN" }, "validation_failed", "progress"],
    ["infinite progress", { p_progress: "Infinity" }, "validation_failed", "progress"],
    ["progress that is not a number", { p_progress: "half" }, "validation_failed"],
    ["progress out of the real range", { p_progress: 1e39 }, "validation_failed"],
    ["empty provider request id", { p_provider_request_id: "" }, "validation_failed", "providerRequestId"],
    [
      "provider request id over 255 characters",
      { p_provider_request_id: long(256) },
      "validation_failed",
      "providerRequestId",
    ],
    [
      "provider request id another job already has",
      (f) => ({ p_job_id: f.pendingJob, p_provider_request_id: "req-processing" }),
      "idempotency_conflict",
    ],
    ["empty status URL", { p_status_url: "" }, "validation_failed", "statusUrl"],
    ["status URL over 2000 characters", { p_status_url: long(2001) }, "validation_failed", "statusUrl"],
    ["empty response URL", { p_response_url: "" }, "validation_failed", "responseUrl"],
    ["response URL over 2000 characters", { p_response_url: long(2001) }, "validation_failed", "responseUrl"],
    ["empty cancel URL", { p_cancel_url: "" }, "validation_failed", "cancelUrl"],
    ["cancel URL over 2000 characters", { p_cancel_url: long(2001) }, "validation_failed", "cancelUrl"],
    [
      "another request id than the job already has",
      (f) => ({ p_job_id: f.processingJob, p_provider_request_id: "req-other" }),
      "idempotency_conflict",
    ],
  ],
);

bad(
  "record_job_queued",
  (f) => ({
    p_job_id: f.pendingJob,
    p_provider_request_id: "req-new",
    p_status_url: "https://queue.example/requests/req-new/status",
    p_response_url: "https://queue.example/requests/req-new",
    p_cancel_url: "https://queue.example/requests/req-new/cancel",
    p_queue_position: 3,
  }),
  [
    ["null job id", { p_job_id: null }, "validation_failed", "jobId"],
    ["malformed job id", { p_job_id: malformed }, "validation_failed"],
    ["unknown job", { p_job_id: UNKNOWN_ID }, "job_not_found"],
    ["empty provider request id", { p_provider_request_id: "" }, "validation_failed", "providerRequestId"],
    [
      "provider request id over 255 characters",
      { p_provider_request_id: long(256) },
      "validation_failed",
      "providerRequestId",
    ],
    [
      "provider request id another job already has",
      { p_provider_request_id: "req-processing" },
      "idempotency_conflict",
    ],
    [
      "another request id than the job already has",
      (f) => ({ p_job_id: f.processingJob, p_provider_request_id: "req-other" }),
      "idempotency_conflict",
    ],
    ["empty status URL", { p_status_url: "" }, "validation_failed", "statusUrl"],
    ["status URL over 2000 characters", { p_status_url: long(2001) }, "validation_failed", "statusUrl"],
    ["empty response URL", { p_response_url: "" }, "validation_failed", "responseUrl"],
    ["empty cancel URL", { p_cancel_url: "" }, "validation_failed", "cancelUrl"],
    ["cancel URL over 2000 characters", { p_cancel_url: long(2001) }, "validation_failed", "cancelUrl"],
    ["negative queue position", { p_queue_position: -1 }, "validation_failed", "queuePosition"],
    ["absurd queue position", { p_queue_position: 1_000_001 }, "validation_failed", "queuePosition"],
    ["queue position that is not a number", { p_queue_position: "third" }, "validation_failed"],
  ],
);

bad("claim_job_check", (f) => ({ p_job_id: f.pendingJob, p_min_seconds: 5 }), [
  ["null job id", { p_job_id: null }, "validation_failed", "jobId"],
  ["malformed job id", { p_job_id: malformed }, "validation_failed"],
  ["unknown job", { p_job_id: UNKNOWN_ID }, "job_not_found"],
  ["no interval", { p_min_seconds: null }, "validation_failed", "minSeconds"],
  ["zero interval", { p_min_seconds: 0 }, "validation_failed", "minSeconds"],
  ["interval over an hour", { p_min_seconds: 3601 }, "validation_failed", "minSeconds"],
]);

bad("mark_job_completed", (f) => ({ p_job_id: f.processingJob, p_video_path: "videos/new.mp4" }), [
  ["null job id", { p_job_id: null }, "validation_failed", "jobId"],
  ["malformed job id", { p_job_id: malformed }, "validation_failed"],
  ["unknown job", { p_job_id: UNKNOWN_ID }, "job_not_found"],
  ["null video path", { p_video_path: null }, "validation_failed", "videoPath"],
  ["empty video path", { p_video_path: "" }, "validation_failed", "videoPath"],
  ["video path over 500 characters", { p_video_path: long(501) }, "validation_failed", "videoPath"],
  ["empty thumbnail path", { p_thumbnail_path: "" }, "validation_failed", "thumbnailPath"],
  [
    "thumbnail path over 500 characters",
    { p_thumbnail_path: long(501) },
    "validation_failed",
    "thumbnailPath",
  ],
]);

bad("mark_job_failed", (f) => ({ p_job_id: f.pendingJob, p_error_code: "provider_error" }), [
  ["null job id", { p_job_id: null }, "validation_failed", "jobId"],
  ["malformed job id", { p_job_id: malformed }, "validation_failed"],
  ["unknown job", { p_job_id: UNKNOWN_ID }, "job_not_found"],
  ["null error code", { p_error_code: null }, "validation_failed", "errorCode"],
  ["empty error code", { p_error_code: "" }, "validation_failed", "errorCode"],
  [
    "error code with upper case and dashes",
    { p_error_code: "Provider-Error" },
    "validation_failed",
    "errorCode",
  ],
  ["error code starting with a digit", { p_error_code: "500_error" }, "validation_failed", "errorCode"],
  ["error code with a space", { p_error_code: "provider error" }, "validation_failed", "errorCode"],
  ["error code over 64 characters", { p_error_code: `e${long(64)}` }, "validation_failed", "errorCode"],
]);

bad("recover_overdue_jobs", (f) => ({ p_user_id: f.guestB }), [
  ["null user id", { p_user_id: null }, "unauthorized"],
  ["malformed user id", { p_user_id: malformed }, "validation_failed"],
]);

bad("get_job", (f) => ({ p_user_id: f.guestB, p_job_id: f.completedJob }), [
  ["null job id", { p_job_id: null }, "validation_failed", "jobId"],
  ["malformed job id", { p_job_id: malformed }, "validation_failed"],
  ["unknown job", { p_job_id: UNKNOWN_ID }, "job_not_found"],
  ["another user's job", (f) => ({ p_user_id: f.guestA }), "job_not_found"],
  ["null user id", { p_user_id: null }, "unauthorized"],
  ["malformed user id", { p_user_id: malformed }, "validation_failed"],
]);

bad("find_job", (f) => ({ p_job_id: f.completedJob }), [
  ["null job id", { p_job_id: null }, "validation_failed", "jobId"],
  ["malformed job id", { p_job_id: malformed }, "validation_failed"],
  ["unknown job", { p_job_id: UNKNOWN_ID }, "job_not_found"],
]);

bad("list_in_flight_jobs", () => ({ p_provider: "local", p_limit: 10 }), [
  ["null provider", { p_provider: null }, "validation_failed", "provider"],
  ["unknown provider", { p_provider: "runway" }, "validation_failed", "provider"],
  ["zero limit", { p_limit: 0 }, "validation_failed", "limit"],
  ["limit above 1000", { p_limit: 1001 }, "validation_failed", "limit"],
  ["limit that is not a number", { p_limit: "ten" }, "validation_failed"],
]);

bad("local_auth_create_user", () => ({ p_email: "someone.new@example.com" }), [
  ["email without @", { p_email: "someone.example.com" }, "validation_failed", "email"],
  ["email without a domain dot", { p_email: "someone@localhost" }, "validation_failed", "email"],
  ["email with spaces inside", { p_email: "some one@example.com" }, "validation_failed", "email"],
  ["email over 254 characters", { p_email: `${"a".repeat(250)}@example.com` }, "validation_failed", "email"],
  ["empty email", { p_email: "" }, "validation_failed", "email"],
]);

bad(
  "local_auth_issue_code",
  () => ({ p_email: "code.new@example.com", p_code_hash: "a".repeat(64), p_ttl_seconds: 600 }),
  [
    ["null email", { p_email: null }, "validation_failed", "email"],
    ["email without @", { p_email: "code.example.com" }, "validation_failed", "email"],
    ["null code hash", { p_code_hash: null }, "validation_failed", "codeHash"],
    ["code hash that is no sha-256 hex", { p_code_hash: "123456" }, "validation_failed", "codeHash"],
    ["zero lifetime", { p_ttl_seconds: 0 }, "validation_failed", "ttlSeconds"],
    ["lifetime over an hour", { p_ttl_seconds: 3601 }, "validation_failed", "ttlSeconds"],
    ["lifetime that is not a number", { p_ttl_seconds: "ten" }, "validation_failed"],
  ],
);

bad("local_auth_verify_code", () => ({ p_email: "nobody.asked@example.com", p_code_hash: "b".repeat(64) }), [
  ["null email", { p_email: null }, "validation_failed", "email"],
  ["email with spaces inside", { p_email: "no body@example.com" }, "validation_failed", "email"],
  ["malformed current user id", { p_current_user_id: malformed }, "validation_failed"],
]);

bad(
  "local_outbox_send",
  () => ({ p_to: "outbox@example.com", p_subject: "Your code", p_body: "It is 123456.", p_code: "123456" }),
  [
    ["null recipient", { p_to: null }, "validation_failed", "email"],
    ["recipient without a domain dot", { p_to: "outbox@localhost" }, "validation_failed", "email"],
    ["empty subject", { p_subject: "" }, "validation_failed", "subject"],
    ["subject over 200 characters", { p_subject: long(201) }, "validation_failed", "subject"],
    ["null text", { p_body: null }, "validation_failed", "text"],
  ],
);

bad("local_auth_start_session", (f) => ({ p_user_id: f.reg, p_ttl_seconds: 3600 }), [
  ["null lifetime", { p_ttl_seconds: null }, "validation_failed", "ttlSeconds"],
  ["lifetime under a minute", { p_ttl_seconds: 59 }, "validation_failed", "ttlSeconds"],
  ["lifetime over 90 days", { p_ttl_seconds: 90 * 24 * 3600 + 1 }, "validation_failed", "ttlSeconds"],
  ["null user id", { p_user_id: null }, "unauthorized"],
  ["unknown user", { p_user_id: UNKNOWN_ID }, "unauthorized"],
  ["malformed user id", { p_user_id: malformed }, "validation_failed"],
]);

bad("local_auth_check_session", (f) => ({ p_session_id: randomUUID(), p_user_id: f.reg }), [
  ["malformed session id", { p_session_id: malformed }, "validation_failed"],
  ["malformed user id", { p_user_id: malformed }, "validation_failed"],
]);

bad(
  "local_auth_renew_session",
  (f) => ({ p_session_id: randomUUID(), p_user_id: f.reg, p_ttl_seconds: 3600 }),
  [
    ["null lifetime", { p_ttl_seconds: null }, "validation_failed", "ttlSeconds"],
    ["lifetime under a minute", { p_ttl_seconds: 10 }, "validation_failed", "ttlSeconds"],
    ["malformed session id", { p_session_id: malformed }, "validation_failed"],
  ],
);

bad(
  "local_auth_end_sessions",
  (f) => ({ p_session_id: randomUUID(), p_user_id: f.reg, p_everywhere: true }),
  [
    ["null session id", { p_session_id: null }, "validation_failed", "sessionId"],
    ["null user id", { p_user_id: null }, "validation_failed", "userId"],
    ["malformed session id", { p_session_id: malformed }, "validation_failed"],
  ],
);

bad("local_outbox_list", () => ({ p_email: "outbox@example.com", p_limit: 10 }), [
  ["email without @", { p_email: "outbox" }, "validation_failed", "email"],
  ["zero limit", { p_limit: 0 }, "validation_failed", "limit"],
  ["limit over 200", { p_limit: 201 }, "validation_failed", "limit"],
]);

bad("complete_sign_in", (f) => ({ p_user_id: f.reg, p_previous_user_id: null, p_language: "en" }), [
  ["null user id", { p_user_id: null }, "validation_failed", "userId"],
  ["malformed user id", { p_user_id: malformed }, "validation_failed"],
  ["unknown auth user", { p_user_id: UNKNOWN_ID }, "unauthorized"],
  ["an anonymous auth user (nothing verified)", (f) => ({ p_user_id: f.noProfile }), "unauthorized"],
  ["an email another profile already has", (f) => ({ p_user_id: f.dupEmail }), "validation_failed", "email"],
  ["unsupported language", { p_language: "de" }, "validation_failed", "language"],
  ["malformed previous user id", { p_previous_user_id: malformed }, "validation_failed"],
]);

const someCursor = `2026-01-01T00:00:00.000000Z_${UNKNOWN_ID}`;
bad("list_jobs", (f) => ({ p_user_id: f.guestA, p_limit: 20, p_cursor: someCursor, p_query: "fox" }), [
  ["null user id", { p_user_id: null }, "unauthorized"],
  ["malformed user id", { p_user_id: malformed }, "validation_failed"],
  ["zero limit", { p_limit: 0 }, "validation_failed", "limit"],
  ["negative limit", { p_limit: -1 }, "validation_failed", "limit"],
  ["limit over 100", { p_limit: 101 }, "validation_failed", "limit"],
  ["null limit", { p_limit: null }, "validation_failed", "limit"],
  ["limit that is not a number", { p_limit: "ten" }, "validation_failed"],
  ["fractional limit", { p_limit: 1.5 }, "validation_failed"],
  ["limit beyond integer range", { p_limit: 2 ** 31 }, "validation_failed"],
  ["malformed cursor", { p_cursor: malformed }, "validation_failed", "cursor"],
  ["empty cursor", { p_cursor: "" }, "validation_failed", "cursor"],
  [
    "cursor with millisecond precision",
    { p_cursor: `2026-01-01T00:00:00.000Z_${UNKNOWN_ID}` },
    "validation_failed",
    "cursor",
  ],
  [
    "cursor with an impossible date",
    { p_cursor: `2026-02-30T00:00:00.000000Z_${UNKNOWN_ID}` },
    "validation_failed",
    "cursor",
  ],
  [
    "cursor with hour 25",
    { p_cursor: `2026-02-10T25:00:00.000000Z_${UNKNOWN_ID}` },
    "validation_failed",
    "cursor",
  ],
  [
    "cursor with an upper-case id",
    { p_cursor: `2026-01-01T00:00:00.000000Z_${UNKNOWN_ID.toUpperCase()}` },
    "validation_failed",
    "cursor",
  ],
  ["cursor with a trailing suffix", { p_cursor: `${someCursor}_x` }, "validation_failed", "cursor"],
  ["query over 200 characters", { p_query: long(201) }, "validation_failed", "q"],
]);

bad("delete_job", (f) => ({ p_user_id: f.guestB, p_job_id: f.completedJob }), [
  ["null job id", { p_job_id: null }, "validation_failed", "jobId"],
  ["malformed job id", { p_job_id: malformed }, "validation_failed"],
  ["unknown job", { p_job_id: UNKNOWN_ID }, "job_not_found"],
  ["another user's finished job", (f) => ({ p_user_id: f.guestA }), "job_not_found"],
  ["null user id", { p_user_id: null }, "unauthorized"],
  ["pending job", (f) => ({ p_user_id: f.guestA, p_job_id: f.pendingJob }), "job_in_progress"],
  ["processing job", (f) => ({ p_user_id: f.guestA, p_job_id: f.processingJob }), "job_in_progress"],
  ["another user's job in progress", (f) => ({ p_job_id: f.pendingJob }), "job_not_found"],
]);

// Share pages ----------------------------------------------------------------------------------

bad("share_job", (f) => ({ p_user_id: f.guestB, p_job_id: f.completedJob, p_show_prompt: true }), [
  ["null job id", { p_job_id: null }, "validation_failed", "jobId"],
  ["malformed job id", { p_job_id: malformed }, "validation_failed"],
  ["unknown job", { p_job_id: UNKNOWN_ID }, "job_not_found"],
  ["another user's finished job", (f) => ({ p_user_id: f.guestA }), "job_not_found"],
  ["null user id", { p_user_id: null }, "unauthorized"],
  ["malformed user id", { p_user_id: malformed }, "validation_failed"],
  ["pending job", (f) => ({ p_user_id: f.guestA, p_job_id: f.pendingJob }), "job_in_progress"],
  ["processing job", (f) => ({ p_user_id: f.guestA, p_job_id: f.processingJob }), "job_in_progress"],
  ["failed job: no video to show", (f) => ({ p_job_id: f.failedJob }), "job_not_found"],
]);

bad("unshare_job", (f) => ({ p_user_id: f.guestB, p_job_id: f.completedJob }), [
  ["null job id", { p_job_id: null }, "validation_failed", "jobId"],
  ["malformed job id", { p_job_id: malformed }, "validation_failed"],
  ["unknown job", { p_job_id: UNKNOWN_ID }, "job_not_found"],
  ["another user's job", (f) => ({ p_user_id: f.guestA }), "job_not_found"],
  ["null user id", { p_user_id: null }, "unauthorized"],
]);

bad("list_share_tokens", (f) => ({ p_job_ids: [f.completedJob] }), [
  ["null list", { p_job_ids: null }, "validation_failed", "jobIds"],
  ["an object, not a list", (f) => ({ p_job_ids: { id: f.completedJob } }), "validation_failed", "jobIds"],
  [
    "a malformed id in the list",
    (f) => ({ p_job_ids: [f.completedJob, malformed] }),
    "validation_failed",
    "jobIds",
  ],
  ["a number in the list", { p_job_ids: [42] }, "validation_failed", "jobIds"],
]);

bad("get_shared_video", () => ({ p_token: "A".repeat(43) }), [
  ["null token", { p_token: null }, "validation_failed", "token"],
  ["empty token", { p_token: "" }, "validation_failed", "token"],
  ["token one character short", { p_token: "A".repeat(42) }, "validation_failed", "token"],
  ["token with a quote", { p_token: `${"A".repeat(42)}'` }, "validation_failed", "token"],
]);

// Credits --------------------------------------------------------------------------------------

bad("grant_purchase", (f) => ({ p_user_id: f.reg, p_product_id: f.pack25, p_external_ref: "ext-new" }), [
  ["null external reference", { p_external_ref: null }, "validation_failed", "externalRef"],
  ["empty external reference", { p_external_ref: "" }, "validation_failed", "externalRef"],
  [
    "external reference over 255 characters",
    { p_external_ref: long(256) },
    "validation_failed",
    "externalRef",
  ],
  ["null product id", { p_product_id: null }, "validation_failed", "productId"],
  ["malformed product id", { p_product_id: malformed }, "validation_failed"],
  ["unknown product", { p_product_id: UNKNOWN_ID }, "product_not_found"],
  ["limit of 0", { p_limit: 0, p_window_seconds: 600 }, "validation_failed", "limit"],
  ["limit without a window", { p_limit: 10 }, "validation_failed", "windowSeconds"],
  ["inactive product", (f) => ({ p_product_id: f.inactivePack }), "product_not_found"],
  ["null user id", { p_user_id: null }, "unauthorized"],
  ["malformed user id", { p_user_id: malformed }, "validation_failed"],
  ["unknown user", { p_user_id: UNKNOWN_ID }, "unauthorized"],
  ["auth user without a profile", (f) => ({ p_user_id: f.noProfile }), "unauthorized"],
  ["a guest buying", (f) => ({ p_user_id: f.guestA }), "forbidden"],
  [
    "external reference already used by another user",
    (f) => ({ p_user_id: f.reg2, p_product_id: f.pack10, p_external_ref: "ext-reg-1" }),
    "idempotency_conflict",
  ],
  [
    "external reference already used for another product",
    { p_external_ref: "ext-reg-1" },
    "idempotency_conflict",
  ],
  [
    "external reference of a reversal, not a purchase",
    (f) => ({ p_user_id: f.reg2, p_product_id: f.pack10, p_external_ref: "rev-reg2-1" }),
    "idempotency_conflict",
  ],
]);

bad(
  "begin_checkout",
  (f) => ({
    p_user_id: f.reg,
    p_idempotency_key: randomUUID(),
    p_product_id: f.pack25,
    p_limit: 10,
    p_window_seconds: 600,
  }),
  [
    ["null key", { p_idempotency_key: null }, "idempotency_key_required"],
    ["malformed key", { p_idempotency_key: malformed }, "validation_failed"],
    ["null product id", { p_product_id: null }, "validation_failed", "productId"],
    ["unknown product", { p_product_id: UNKNOWN_ID }, "product_not_found"],
    ["inactive product", (f) => ({ p_product_id: f.inactivePack }), "product_not_found"],
    ["null limit", { p_limit: null }, "validation_failed", "limit"],
    ["limit without a window", { p_window_seconds: null }, "validation_failed", "windowSeconds"],
    ["null user id", { p_user_id: null }, "unauthorized"],
    ["unknown user", { p_user_id: UNKNOWN_ID }, "unauthorized"],
    ["a guest buying", (f) => ({ p_user_id: f.guestA }), "forbidden"],
  ],
);

bad(
  "record_checkout",
  (f) => ({
    p_user_id: f.reg,
    p_idempotency_key: randomUUID(),
    p_product_id: f.pack25,
    p_url: "https://checkout.stripe.com/c/pay/cs_test_bad_input",
  }),
  [
    ["null key", { p_idempotency_key: null }, "idempotency_key_required"],
    ["null product id", { p_product_id: null }, "validation_failed", "productId"],
    ["null url", { p_url: null }, "validation_failed", "url"],
    ["plain http url", { p_url: "http://checkout.stripe.com/c/pay/x" }, "validation_failed", "url"],
    ["url with a space", { p_url: "https://checkout.stripe.com/c/pay x" }, "validation_failed", "url"],
    ["url over 2048 characters", { p_url: `https://x.example/${long(2048)}` }, "validation_failed", "url"],
    ["null user id", { p_user_id: null }, "unauthorized"],
    ["unknown user", { p_user_id: UNKNOWN_ID }, "unauthorized"],
  ],
);

bad("reverse_purchase", () => ({ p_external_ref: "ext-reg-1", p_reversal_ref: "rev-new" }), [
  ["null external reference", { p_external_ref: null }, "validation_failed", "externalRef"],
  ["empty external reference", { p_external_ref: "" }, "validation_failed", "externalRef"],
  [
    "external reference over 255 characters",
    { p_external_ref: long(256) },
    "validation_failed",
    "externalRef",
  ],
  ["null reversal reference", { p_reversal_ref: null }, "validation_failed", "reversalRef"],
  ["empty reversal reference", { p_reversal_ref: "" }, "validation_failed", "reversalRef"],
  [
    "reversal reference over 255 characters",
    { p_reversal_ref: long(256) },
    "validation_failed",
    "reversalRef",
  ],
  [
    "reversal reference equal to the purchase's",
    { p_reversal_ref: "ext-reg-1" },
    "validation_failed",
    "reversalRef",
  ],
  ["unknown purchase", { p_external_ref: "ext-unknown" }, "not_found"],
  ["reference of a reversal, not a purchase", { p_external_ref: "rev-reg2-1" }, "not_found"],
  [
    "reversal reference another purchase's reversal has",
    { p_reversal_ref: "rev-reg2-1" },
    "idempotency_conflict",
  ],
  ["reversal reference that is another purchase's", { p_reversal_ref: "ext-reg2-1" }, "idempotency_conflict"],
]);

bad("list_ledger", (f) => ({ p_user_id: f.reg, p_limit: 20, p_cursor: 1_000_000 }), [
  ["null user id", { p_user_id: null }, "unauthorized"],
  ["malformed user id", { p_user_id: malformed }, "validation_failed"],
  ["zero limit", { p_limit: 0 }, "validation_failed", "limit"],
  ["limit over 100", { p_limit: 101 }, "validation_failed", "limit"],
  ["null limit", { p_limit: null }, "validation_failed", "limit"],
  ["limit that is not a number", { p_limit: "all" }, "validation_failed"],
  ["zero cursor", { p_cursor: 0 }, "validation_failed", "cursor"],
  ["negative cursor", { p_cursor: -5 }, "validation_failed", "cursor"],
  ["cursor that is not a number", { p_cursor: malformed }, "validation_failed"],
  ["fractional cursor", { p_cursor: 1.5 }, "validation_failed"],
  ["cursor beyond bigint range", { p_cursor: "99999999999999999999" }, "validation_failed"],
]);

// Infrastructure -------------------------------------------------------------------------------

bad("check_rate_limit", () => ({ p_bucket: "generate:bad-input", p_limit: 5, p_window_seconds: 60 }), [
  ["null bucket", { p_bucket: null }, "validation_failed", "bucket"],
  ["empty bucket", { p_bucket: "" }, "validation_failed", "bucket"],
  ["bucket over 200 characters", { p_bucket: long(201) }, "validation_failed", "bucket"],
  ["null limit", { p_limit: null }, "validation_failed", "limit"],
  ["zero limit", { p_limit: 0 }, "validation_failed", "limit"],
  ["limit over a million", { p_limit: 1_000_001 }, "validation_failed", "limit"],
  ["limit that is not a number", { p_limit: "many" }, "validation_failed"],
  ["null window", { p_window_seconds: null }, "validation_failed", "windowSeconds"],
  ["zero window", { p_window_seconds: 0 }, "validation_failed", "windowSeconds"],
  ["window over a day", { p_window_seconds: 86_401 }, "validation_failed", "windowSeconds"],
]);

bad("record_webhook_event", () => ({ p_provider: "stripe", p_event_id: "evt_bad_input" }), [
  ["null provider", { p_provider: null }, "validation_failed", "provider"],
  ["unknown provider", { p_provider: "github" }, "validation_failed", "provider"],
  ["upper-case provider", { p_provider: "Stripe" }, "validation_failed", "provider"],
  ["null event id", { p_event_id: null }, "validation_failed", "eventId"],
  ["empty event id", { p_event_id: "" }, "validation_failed", "eventId"],
  ["event id over 255 characters", { p_event_id: long(256) }, "validation_failed", "eventId"],
]);

// Web Push -------------------------------------------------------------------------------------

/** A browser's subscription keys: an uncompressed P-256 point and a 16-byte secret (base64url). */
const pushKey = `BE${"A".repeat(85)}`;
const pushAuth = "A".repeat(22);
const pushEndpoint = "https://push.example.com/send/bad-input";

bad(
  "save_push_subscription",
  (f) => ({ p_user_id: f.guestA, p_endpoint: pushEndpoint, p_p256dh: pushKey, p_auth: pushAuth }),
  [
    ["null user id", { p_user_id: null }, "unauthorized"],
    ["malformed user id", { p_user_id: malformed }, "validation_failed"],
    ["unknown user", { p_user_id: UNKNOWN_ID }, "unauthorized"],
    ["auth user without a profile", (f) => ({ p_user_id: f.noProfile }), "unauthorized"],
    ["null endpoint", { p_endpoint: null }, "validation_failed", "endpoint"],
    [
      "endpoint that is not a URL",
      { p_endpoint: "push.example.com/send/x" },
      "validation_failed",
      "endpoint",
    ],
    [
      "endpoint of another scheme",
      { p_endpoint: "ftp://push.example.com/x" },
      "validation_failed",
      "endpoint",
    ],
    [
      "endpoint with a space",
      { p_endpoint: "https://push.example.com/a b" },
      "validation_failed",
      "endpoint",
    ],
    [
      "endpoint over 2048 characters",
      { p_endpoint: `https://p.example.com/${long(2030)}` },
      "validation_failed",
      "endpoint",
    ],
    ["null key", { p_p256dh: null }, "validation_failed", "p256dh"],
    ["key one byte short", { p_p256dh: `BE${"A".repeat(84)}` }, "validation_failed", "p256dh"],
    ["key of a compressed point", { p_p256dh: `Ag${"A".repeat(42)}` }, "validation_failed", "p256dh"],
    ["key not starting with 0x04", { p_p256dh: `BQ${"A".repeat(85)}` }, "validation_failed", "p256dh"],
    ["key in standard base64", { p_p256dh: `BE${"+".repeat(85)}` }, "validation_failed", "p256dh"],
    ["padded key", { p_p256dh: `${pushKey}=` }, "validation_failed", "p256dh"],
    ["null auth secret", { p_auth: null }, "validation_failed", "auth"],
    ["auth secret of 15 bytes", { p_auth: "A".repeat(20) }, "validation_failed", "auth"],
    ["auth secret of 17 bytes", { p_auth: "A".repeat(23) }, "validation_failed", "auth"],
    ["auth secret that is not base64url", { p_auth: `${"A".repeat(21)}!` }, "validation_failed", "auth"],
    ["malformed expiry", { p_expires_at: "soon" }, "validation_failed"],
  ],
);

bad("delete_push_subscription", (f) => ({ p_user_id: f.guestA, p_endpoint: pushEndpoint }), [
  ["null user id", { p_user_id: null }, "unauthorized"],
  ["malformed user id", { p_user_id: malformed }, "validation_failed"],
  ["null endpoint", { p_endpoint: null }, "validation_failed", "endpoint"],
  [
    "endpoint over 2048 characters",
    { p_endpoint: `https://p.example.com/${long(2030)}` },
    "validation_failed",
    "endpoint",
  ],
]);

bad("list_push_subscriptions", (f) => ({ p_user_id: f.guestA }), [
  ["null user id", { p_user_id: null }, "unauthorized"],
  ["malformed user id", { p_user_id: malformed }, "validation_failed"],
  ["unknown user", { p_user_id: UNKNOWN_ID }, "unauthorized"],
  ["auth user without a profile", (f) => ({ p_user_id: f.noProfile }), "unauthorized"],
]);

bad("forget_push_subscription", () => ({ p_endpoint: pushEndpoint }), [
  ["null endpoint", { p_endpoint: null }, "validation_failed", "endpoint"],
  ["empty endpoint", { p_endpoint: "" }, "validation_failed", "endpoint"],
]);

// ---------------------------------------------------------------------------------------------
// Running them
// ---------------------------------------------------------------------------------------------

async function expectRejectedWithoutChanges(
  call: () => Promise<unknown>,
  code: ErrorCode,
  field: string | undefined,
): Promise<void> {
  const before = await fingerprint(db);
  const error = await expectAppError(call(), code, field);
  // expectAppError accepts any field when none is given; here "none" means none.
  expect(error.field, "field").toBe(field);
  expect(await fingerprint(db), "database changed").toBe(before);
}

describe("every bad argument gives its error and changes nothing", () => {
  test.each(cases)("$fn: $why", async ({ fn, args, code, field }) => {
    await expectRejectedWithoutChanges(() => db.rpc.call(fn, args(), schemas[fn]), code, field);
  });

  test("check_rate_limit: over the limit (the counting call is rolled back)", async () => {
    const bucket = `generate:user:${f.guestA}`;
    await db.rpc.call(
      "check_rate_limit",
      { p_bucket: bucket, p_limit: 1, p_window_seconds: 86_400 },
      results.rateLimitResult,
    );
    await expectRejectedWithoutChanges(
      () =>
        db.rpc.call(
          "check_rate_limit",
          { p_bucket: bucket, p_limit: 1, p_window_seconds: 86_400 },
          results.rateLimitResult,
        ),
      "rate_limited",
      undefined,
    );
    const rows = await db.sql("select count from public.rate_limits where bucket = $1", [bucket]);
    expect(rows.map((r) => r.count)).toEqual([1]);
  });
});

describe("the table itself", () => {
  test("covers every public function that takes arguments", async () => {
    const rows = await db.sql(`
      select p.proname from pg_proc p
      where p.pronamespace = 'public'::regnamespace and p.pronargs > 0
      order by 1`);
    const withArgs = rows.map((r) => String(r.proname));
    expect(withArgs.length).toBeGreaterThanOrEqual(22);
    expect([...new Set(cases.map((c) => c.fn))].sort()).toEqual(withArgs);
  });

  test("names every case once", () => {
    const names = cases.map((c) => `${c.fn}: ${c.why}`);
    expect(names.length).toBeGreaterThan(150);
    expect(new Set(names).size).toBe(names.length);
  });

  test("the fixtures still hold: balances explained by the ledger, jobs untouched", async () => {
    await expectLedgerMatchesBalances(db);
    expect(await balance(db, f.fresh)).toBe(10);
    const states = await db.sql(
      "select status, count(*)::int as n from public.video_jobs group by 1 order by 1",
    );
    expect(states).toEqual([
      { status: "completed", n: 1 },
      { status: "failed", n: 1 },
      { status: "pending", n: 1 },
      { status: "processing", n: 1 },
    ]);
  });
});

// Last, because these write: each base call the cases start from is itself valid, so every
// case above differs from a successful call only by its bad argument.
test("every base call succeeds (run last)", async () => {
  const order: Fn[] = [
    "onboard_user",
    "get_me",
    "update_settings",
    "list_catalog",
    "get_model",
    "list_credit_products",
    "price_of",
    "generate_video",
    "mark_job_processing",
    "record_job_queued",
    "claim_job_check",
    "mark_job_completed",
    "mark_job_failed",
    "get_job",
    "recover_overdue_jobs",
    "find_job",
    "list_in_flight_jobs",
    "local_auth_create_user",
    "local_auth_start_session",
    "local_auth_check_session",
    "local_auth_renew_session",
    "local_auth_end_sessions",
    "local_auth_issue_code",
    "local_auth_verify_code",
    "local_outbox_send",
    "local_outbox_list",
    "complete_sign_in",
    "list_jobs",
    "list_ledger",
    "get_shared_video",
    "list_share_tokens",
    "share_job",
    "unshare_job",
    "delete_job",
    "grant_purchase",
    "begin_checkout",
    "record_checkout",
    "reverse_purchase",
    "check_rate_limit",
    "record_webhook_event",
    "save_push_subscription",
    "list_push_subscriptions",
    "delete_push_subscription",
    "forget_push_subscription",
    "merge_guest",
    "delete_account",
  ];
  expect([...order].sort()).toEqual(Object.keys(bases).sort());
  for (const fn of order) {
    const base = bases[fn] as (f: Fixtures) => Args;
    await expect(db.rpc.call(fn, base(f), schemas[fn]), fn).resolves.toBeDefined();
  }
  await expectLedgerMatchesBalances(db);
});
