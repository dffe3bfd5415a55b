import { z } from "zod";
import { creditProductSchema, modelSchema, themeSchema, videoSettingsSchema } from "../../contracts/catalog";
import { jobStatusSchema } from "../../contracts/job";
import { languageSchema, meSchema } from "../../contracts/user";

/** The shapes the SQL functions return (defined in supabase/schemas). */

const iso = z.iso.datetime();

/** A job as stored: storage paths, not URLs (services turn paths into signed URLs). */
export const dbJobSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  status: jobStatusSchema,
  progress: z.number().min(0).max(1).nullable(),
  queuePosition: z.number().int().positive().nullable(),
  prompt: z.string(),
  settings: videoSettingsSchema,
  model: z.object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    typicalSeconds: z.number().int().positive(),
  }),
  themeId: z.uuid().nullable(),
  creditsUsed: z.number().int().positive(),
  inputImagePath: z.string().nullable(),
  videoPath: z.string().nullable(),
  thumbnailPath: z.string().nullable(),
  errorCode: z.string().nullable(),
  refunded: z.boolean(),
  provider: z.enum(["fal", "local"]),
  providerModelId: z.string(),
  providerRequestId: z.string().nullable(),
  providerStatusUrl: z.string().nullable(),
  providerResponseUrl: z.string().nullable(),
  providerCancelUrl: z.string().nullable(),
  providerCheckedAt: iso.nullable(),
  createdAt: iso,
  startedAt: iso.nullable(),
  completedAt: iso.nullable(),
  deadlineAt: iso,
  expiresAt: iso,
});
export type DbJob = z.infer<typeof dbJobSchema>;

export const healthResult = z.object({ ok: z.literal(true), time: iso });
export const onboardResult = z.object({ user: meSchema, created: z.boolean(), granted: z.boolean() });
export const meResult = z.object({ user: meSchema });
export const catalogResult = z.object({ models: z.array(modelSchema), themes: z.array(themeSchema) });
export const modelResult = z.object({ model: modelSchema });
export const productsResult = z.object({ products: z.array(creditProductSchema) });
export const priceResult = z.object({ credits: z.number().int().positive(), settings: videoSettingsSchema });
export const generateResult = z.object({
  job: dbJobSchema,
  credits: z.number().int().nonnegative(),
  replayed: z.boolean(),
});
export const jobResult = z.object({ job: dbJobSchema });
export const jobListResult = z.object({ jobs: z.array(dbJobSchema) });
export const localAuthUserResult = z.object({
  id: z.uuid(),
  email: z.string().nullable(),
  isAnonymous: z.boolean(),
});
export const jobChangeResult = z.object({ job: dbJobSchema, changed: z.boolean() });
export const jobClaimResult = z.object({ job: dbJobSchema, claimed: z.boolean() });
export const jobFailResult = jobChangeResult.extend({ credits: z.number().int().nonnegative() });
export const jobPageResult = z.object({ jobs: z.array(dbJobSchema), nextCursor: z.string().nullable() });
export const mediaRemovalResult = z.object({ deleted: z.literal(true), mediaPaths: z.array(z.string()) });
export const purchaseResult = z.object({
  granted: z.boolean(),
  creditsAdded: z.number().int().nonnegative(),
  credits: z.number().int().nonnegative(),
});
export const checkoutBeginResult = z.object({ replayed: z.boolean(), url: z.string().nullable() });
export const checkoutRecordResult = z.object({ recorded: z.boolean() });
export const reversalResult = z.object({
  reversed: z.boolean(),
  creditsRemoved: z.number().int().nonnegative(),
  credits: z.number().int().nonnegative(),
});
export const mergeResult = z.object({
  user: meSchema,
  creditsMerged: z.number().int().nonnegative(),
  jobsMoved: z.number().int().nonnegative(),
});
export const rateLimitResult = z.object({
  allowed: z.literal(true),
  remaining: z.number().int().nonnegative(),
  resetAt: iso,
});
export const webhookEventResult = z.object({ firstTime: z.boolean() });
export const ledgerPageResult = z.object({
  entries: z.array(
    z.object({
      id: z.number().int().positive(),
      kind: z.enum(["grant", "spend", "refund", "purchase", "merge", "admin", "chargeback"]),
      change: z.number().int(),
      balanceAfter: z.number().int().nonnegative(),
      jobId: z.uuid().nullable(),
      createdAt: iso,
    }),
  ),
  nextCursor: z.string().nullable(),
});
export const sweepResult = z.object({
  jobsFailed: z.number().int().nonnegative(),
  /** The jobs this sweep failed (timeout, refunded), to be announced like any failed job. */
  failedJobs: z.array(dbJobSchema),
  jobsExpired: z.number().int().nonnegative(),
  mediaPaths: z.array(z.string()),
  idempotencyRemoved: z.number().int().nonnegative(),
  rateLimitsRemoved: z.number().int().nonnegative(),
  webhookEventsRemoved: z.number().int().nonnegative(),
});
/** The user's jobs a read found past their deadline and failed (timeout, refunded). */
export const recoverResult = z.object({ failedJobs: z.array(dbJobSchema) });
export const localCodeIssueResult = z.object({ email: z.string(), expiresAt: iso });
export const localCodeVerifyResult = z.discriminatedUnion("verified", [
  z.object({ verified: z.literal(false), reason: z.enum(["missing", "expired", "wrong"]) }),
  z.object({ verified: z.literal(true), user: localAuthUserResult, created: z.boolean() }),
]);
export const localSessionResult = z.object({ id: z.uuid(), expiresAt: iso });
export const localSessionCheckResult = z.object({ live: z.boolean() });
export const localSessionRenewResult = z.discriminatedUnion("renewed", [
  z.object({ renewed: z.literal(false) }),
  localSessionResult.extend({ renewed: z.literal(true) }),
]);
export const localSessionsEndResult = z.object({ revoked: z.number().int().nonnegative() });
export const outboxSendResult = z.object({ id: z.number().int().positive() });
export const outboxResult = z.object({
  messages: z.array(
    z.object({
      to: z.string(),
      subject: z.string(),
      text: z.string(),
      code: z.string().nullable(),
      createdAt: iso,
    }),
  ),
});
export const signInResult = z.object({
  user: meSchema,
  created: z.boolean(),
  merged: z.boolean(),
  creditsMerged: z.number().int().nonnegative(),
  jobsMoved: z.number().int().nonnegative(),
});
export const pushSaveResult = z.object({ subscribed: z.literal(true), created: z.boolean() });
export const pushDeleteResult = z.object({ deleted: z.boolean() });
export const pushForgetResult = z.object({ forgotten: z.boolean() });
export const pushListResult = z.object({
  language: languageSchema,
  subscriptions: z.array(z.object({ endpoint: z.string(), p256dh: z.string(), auth: z.string() })),
});
export const shareResult = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  showPrompt: z.boolean(),
});
export const unshareResult = z.object({ unshared: z.boolean() });
export const shareTokensResult = z.object({
  shares: z.array(z.object({ jobId: z.uuid(), token: z.string(), showPrompt: z.boolean() })),
});
/** A public share page's video (get_shared_video); null when there is no such page. */
export const sharedVideoResult = z.object({
  video: z
    .object({
      model: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
      prompt: z.string().nullable(),
      settings: videoSettingsSchema,
      videoPath: z.string(),
      thumbnailPath: z.string().nullable(),
      createdAt: iso,
      sharedAt: iso,
    })
    .nullable(),
});
export type SharedVideo = NonNullable<z.infer<typeof sharedVideoResult>["video"]>;
