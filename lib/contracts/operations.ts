import { z } from "zod";
import type { ErrorCode } from "../errors";
import {
  checkoutRequestSchema,
  checkoutResponseSchema,
  creditProductsResponseSchema,
  ledgerPageResponseSchema,
  updateSettingsRequestSchema,
} from "./account";
import {
  catalogResponseSchema,
  createJobRequestSchema,
  createJobResponseSchema,
  guestResponseSchema,
  jobPageResponseSchema,
  jobResponseSchema,
  meResponseSchema,
  modelResponseSchema,
  shareJobRequestSchema,
  shareJobResponseSchema,
  uploadResponseSchema,
} from "./api";
import {
  emailCodeRequestSchema,
  emailCodeSentSchema,
  emailSchema,
  guestRequestSchema,
  outboxResponseSchema,
  signInResponseSchema,
  signOutRequestSchema,
  verifyCodeRequestSchema,
} from "./auth";
import { jobStatusSchema } from "./job";
import {
  pushKeyResponseSchema,
  pushSubscribedResponseSchema,
  pushSubscriptionSchema,
  pushUnsubscribeSchema,
} from "./push";
import { languageSchema } from "./user";
import { vitalsRequestSchema } from "./vitals";

/**
 * Every operation of the HTTP API: its method and path, what it takes and every answer it gives,
 * as the zod schemas the route handlers use. lib/server/openapi.ts turns this list into the
 * OpenAPI document served at /api/openapi.json; a test checks it against the route files and
 * against real answers.
 */

export type HttpMethod = "get" | "head" | "post" | "patch" | "delete";

export type Answer = {
  description: string;
  /** A JSON body; none for an empty answer. */
  body?: z.ZodType;
  /** Another kind of body (a redirect has none; media is bytes). */
  contentType?: string;
  headers?: Record<string, string>;
};

export type Operation = {
  method: HttpMethod;
  /** OpenAPI's path template: /api/jobs/{id}. */
  path: string;
  id: string;
  tag: "account" | "catalog" | "jobs" | "credits" | "push" | "system" | "webhooks" | "media";
  summary: string;
  /** Needs the session cookie (a guest's is enough unless the summary says otherwise). */
  session?: boolean;
  /** A change: the Origin header must be this site's. */
  mutation?: boolean;
  idempotencyKey?: "required" | "optional";
  query?: z.ZodObject;
  /** The request's JSON body; `optional` when it may be left out. */
  body?: { schema: z.ZodType; optional?: boolean } | { form: string };
  /** Success answers by status. */
  answers: Record<number, Answer>;
  /** The catalogue errors this operation may answer with, besides those every route may give. */
  errors: ErrorCode[];
};

/** Errors any operation may answer: a server fault, a dependency down. */
export const everyRouteErrors: ErrorCode[] = ["internal", "service_unavailable"];
/** What every mutation may answer besides its own errors. */
export const mutationErrors: ErrorCode[] = ["forbidden", "payload_too_large", "validation_failed"];

const localeQuery = z.object({
  locale: languageSchema
    .optional()
    .describe("The descriptions' language; else the cookie's or the browser's."),
});

export const healthResponseSchema = z.object({
  ok: z.literal(true),
  mode: z.enum(["embedded", "postgres", "supabase"]),
  version: z.string(),
});

const partHealthSchema = z.union([
  z.object({ ok: z.literal(true), ms: z.number().int().nonnegative() }),
  z.object({
    ok: z.literal(false),
    ms: z.number().int().nonnegative(),
    error: z.enum(["failed", "timeout"]).describe("It answered with an error, or not within its time."),
  }),
]);
const healthPartSchema = z.enum(["database", "storage", "provider"]);

/** `GET /api/health?deep=1`: each part's check; what went wrong is in the server's log only. */
export const deepHealthResponseSchema = z.object({
  ok: z.boolean(),
  mode: z.enum(["embedded", "postgres", "supabase"]),
  version: z.string(),
  provider: z.enum(["local", "fal"]),
  checks: z.object({ database: partHealthSchema, storage: partHealthSchema, provider: partHealthSchema }),
  failed: z.array(healthPartSchema).describe("The parts that failed (503), else empty."),
});

export const sweepResponseSchema = z.object({
  jobsFailed: z.number().int().nonnegative(),
  jobsExpired: z.number().int().nonnegative(),
  idempotencyRemoved: z.number().int().nonnegative(),
  rateLimitsRemoved: z.number().int().nonnegative(),
  webhookEventsRemoved: z.number().int().nonnegative(),
  mediaRemoved: z.number().int().nonnegative(),
});

export const falWebhookResponseSchema = z.object({
  received: z.literal(true),
  job: z.union([jobStatusSchema, z.literal("unknown")]),
});

export const stripeWebhookResponseSchema = z.object({
  received: z.literal(true),
  applied: z.boolean(),
  duplicate: z.boolean(),
});

const noContent = (description: string): Answer => ({ description });
const redirect = (description: string): Answer => ({
  description,
  headers: { location: "Where to go next." },
});

export const operations: Operation[] = [
  {
    method: "get",
    path: "/api/health",
    id: "getHealth",
    tag: "system",
    summary:
      "Whether the server and its database answer; `deep=1` also checks storage and the video provider's setup (503 names the parts that failed).",
    query: z.object({
      deep: z
        .enum(["1"])
        .optional()
        .describe("Check the database, storage and the provider's setup, each with a short time limit."),
    }),
    answers: {
      200: { description: "Healthy.", body: z.union([healthResponseSchema, deepHealthResponseSchema]) },
      503: { description: "A deep check failed: `failed` names the parts.", body: deepHealthResponseSchema },
    },
    errors: [],
  },
  {
    method: "post",
    path: "/api/session/guest",
    id: "startGuest",
    tag: "account",
    summary: "Makes the visitor a guest with the welcome credits, or returns the existing user.",
    mutation: true,
    body: { schema: guestRequestSchema, optional: true },
    answers: {
      200: { description: "The visitor already had a session: its user.", body: guestResponseSchema },
      201: { description: "A new guest; the session cookie is set.", body: guestResponseSchema },
    },
    errors: ["captcha_failed", "rate_limited"],
  },
  {
    method: "get",
    path: "/api/me",
    id: "getMe",
    tag: "account",
    summary: "The session's user.",
    session: true,
    answers: { 200: { description: "The user.", body: meResponseSchema } },
    errors: ["unauthorized"],
  },
  {
    method: "patch",
    path: "/api/me",
    id: "updateMe",
    tag: "account",
    summary: "Saves the language and/or the theme.",
    session: true,
    mutation: true,
    body: { schema: updateSettingsRequestSchema },
    answers: { 200: { description: "The user as saved.", body: meResponseSchema } },
    errors: ["unauthorized"],
  },
  {
    method: "delete",
    path: "/api/me",
    id: "deleteMe",
    tag: "account",
    summary: "Deletes the account with its videos, media and credit history, and ends the session.",
    session: true,
    mutation: true,
    answers: { 204: noContent("Deleted.") },
    errors: ["unauthorized", "job_in_progress"],
  },
  {
    method: "post",
    path: "/api/auth/email",
    id: "sendSignInCode",
    tag: "account",
    summary: "Sends a one-time sign-in code to an email address.",
    mutation: true,
    body: { schema: emailCodeRequestSchema },
    answers: { 202: { description: "The code is on its way.", body: emailCodeSentSchema } },
    errors: ["captcha_failed", "rate_limited"],
  },
  {
    method: "post",
    path: "/api/auth/email/verify",
    id: "verifySignInCode",
    tag: "account",
    summary: "Checks the code and signs in; a guest keeps its videos and credits.",
    mutation: true,
    body: { schema: verifyCodeRequestSchema },
    answers: { 200: { description: "Signed in.", body: signInResponseSchema } },
    errors: ["unauthorized", "rate_limited"],
  },
  {
    method: "post",
    path: "/api/auth/apple",
    id: "startAppleSignIn",
    tag: "account",
    summary: "The sign-in page's Apple button (a form post): on to Apple through Supabase Auth.",
    mutation: true,
    body: { form: "application/x-www-form-urlencoded" },
    answers: { 303: redirect("On to Apple.") },
    errors: ["not_found"],
  },
  {
    method: "get",
    path: "/api/auth/callback",
    id: "finishProviderSignIn",
    tag: "account",
    summary: "Where a sign-in provider returns; on to `next`, or to the sign-in page with the error.",
    query: z.object({ code: z.string().optional(), next: z.string().optional() }),
    answers: { 303: redirect("On to the next page.") },
    errors: [],
  },
  {
    method: "post",
    path: "/api/auth/sign-out",
    id: "signOut",
    tag: "account",
    summary: "Ends this device's session, or every session of the person.",
    mutation: true,
    body: { schema: signOutRequestSchema, optional: true },
    answers: { 204: noContent("Signed out.") },
    errors: [],
  },
  {
    method: "get",
    path: "/api/dev/outbox",
    id: "readOutbox",
    tag: "system",
    summary: "The local mailer's messages, newest first (not in supabase mode, where mail is sent).",
    query: z.object({ email: emailSchema.optional() }),
    answers: { 200: { description: "The messages.", body: outboxResponseSchema } },
    errors: ["not_found", "validation_failed"],
  },
  {
    method: "get",
    path: "/api/models",
    id: "listModels",
    tag: "catalog",
    summary: "The available models and themes, featured first.",
    query: localeQuery,
    answers: {
      200: { description: "The catalog.", body: catalogResponseSchema, headers: { etag: "The version." } },
      304: noContent("Not changed since If-None-Match."),
    },
    errors: ["validation_failed"],
  },
  {
    method: "get",
    path: "/api/models/{id}",
    id: "getModel",
    tag: "catalog",
    summary: "One model, by id or slug.",
    query: localeQuery,
    answers: {
      200: { description: "The model.", body: modelResponseSchema, headers: { etag: "The version." } },
      304: noContent("Not changed since If-None-Match."),
    },
    errors: ["model_not_found", "validation_failed"],
  },
  {
    method: "post",
    path: "/api/jobs",
    id: "createJob",
    tag: "jobs",
    summary: "Charges the credits and starts a video. Replaying a key returns the first answer.",
    session: true,
    mutation: true,
    idempotencyKey: "required",
    body: { schema: createJobRequestSchema },
    answers: { 202: { description: "Started.", body: createJobResponseSchema } },
    errors: [
      "unauthorized",
      "idempotency_key_required",
      "idempotency_conflict",
      "insufficient_credits",
      "model_not_found",
      "model_unavailable",
      "rate_limited",
    ],
  },
  {
    method: "get",
    path: "/api/jobs",
    id: "listJobs",
    tag: "jobs",
    summary: "History: the last 7 days, newest first; `q` filters by prompt.",
    session: true,
    query: z.object({
      limit: z.number().int().min(1).max(100).optional(),
      cursor: z.string().min(1).max(200).optional(),
      q: z.string().max(200).optional(),
    }),
    answers: { 200: { description: "A page of jobs.", body: jobPageResponseSchema } },
    errors: ["unauthorized", "validation_failed"],
  },
  {
    method: "get",
    path: "/api/jobs/{id}",
    id: "getJob",
    tag: "jobs",
    summary: "One of the user's jobs.",
    session: true,
    answers: { 200: { description: "The job.", body: jobResponseSchema } },
    errors: ["unauthorized", "job_not_found"],
  },
  {
    method: "delete",
    path: "/api/jobs/{id}",
    id: "deleteJob",
    tag: "jobs",
    summary: "Deletes one of the user's finished jobs with its media.",
    session: true,
    mutation: true,
    answers: { 204: noContent("Deleted.") },
    errors: ["unauthorized", "job_not_found", "job_in_progress"],
  },
  {
    method: "post",
    path: "/api/jobs/{id}/share",
    id: "shareJob",
    tag: "jobs",
    summary: "Shares a finished video as a public page; the same URL on every call.",
    session: true,
    mutation: true,
    body: { schema: shareJobRequestSchema, optional: true },
    answers: { 200: { description: "The page's URL.", body: shareJobResponseSchema } },
    errors: ["unauthorized", "job_not_found", "job_in_progress"],
  },
  {
    method: "delete",
    path: "/api/jobs/{id}/share",
    id: "unshareJob",
    tag: "jobs",
    summary: "Takes the video's public page down (also when it was not shared).",
    session: true,
    mutation: true,
    answers: { 204: noContent("Not shared.") },
    errors: ["unauthorized", "job_not_found"],
  },
  {
    method: "post",
    path: "/api/uploads",
    id: "uploadImage",
    tag: "jobs",
    summary: "Stores a picture (JPEG, PNG or WebP, at most 4 MB) for an image-to-video job.",
    session: true,
    mutation: true,
    body: { form: "multipart/form-data" },
    answers: { 201: { description: "Stored.", body: uploadResponseSchema } },
    errors: ["unauthorized", "rate_limited", "input_rejected"],
  },
  {
    method: "get",
    path: "/api/credits/products",
    id: "listCreditProducts",
    tag: "credits",
    summary: "The credit packs on sale, labels in the caller's language.",
    answers: { 200: { description: "The packs.", body: creditProductsResponseSchema } },
    errors: [],
  },
  {
    method: "get",
    path: "/api/credits/ledger",
    id: "listLedger",
    tag: "credits",
    summary: "The user's credit history, newest first.",
    session: true,
    query: z.object({
      limit: z.number().int().min(1).max(100).optional(),
      cursor: z
        .string()
        .regex(/^[1-9][0-9]{0,17}$/)
        .optional(),
    }),
    answers: { 200: { description: "A page of entries.", body: ledgerPageResponseSchema } },
    errors: ["unauthorized", "validation_failed"],
  },
  {
    method: "post",
    path: "/api/credits/checkout",
    id: "checkout",
    tag: "credits",
    summary:
      "Buys a credit pack: Stripe Checkout's URL, or without Stripe a test purchase granted at once " +
      "(then the Idempotency-Key is required). Not for guests.",
    session: true,
    mutation: true,
    idempotencyKey: "optional",
    body: { schema: checkoutRequestSchema },
    answers: {
      200: {
        description: "The Checkout page, or the balance after a test purchase.",
        body: checkoutResponseSchema,
      },
    },
    errors: [
      "unauthorized",
      "product_not_found",
      "idempotency_key_required",
      "idempotency_conflict",
      "rate_limited",
      "provider_error",
    ],
  },
  {
    method: "get",
    path: "/api/push/key",
    id: "getPushKey",
    tag: "push",
    summary: "The VAPID public key browsers subscribe with (null when push is off).",
    answers: { 200: { description: "The key.", body: pushKeyResponseSchema } },
    errors: [],
  },
  {
    method: "post",
    path: "/api/push/subscriptions",
    id: "subscribePush",
    tag: "push",
    summary: "Saves this browser's PushSubscription for the user.",
    session: true,
    mutation: true,
    body: { schema: pushSubscriptionSchema },
    answers: { 201: { description: "Subscribed.", body: pushSubscribedResponseSchema } },
    errors: ["unauthorized", "push_unavailable", "rate_limited"],
  },
  {
    method: "delete",
    path: "/api/push/subscriptions",
    id: "unsubscribePush",
    tag: "push",
    summary: "Forgets this browser's subscription (only the caller's own).",
    session: true,
    mutation: true,
    body: { schema: pushUnsubscribeSchema },
    answers: { 200: { description: "Unsubscribed.", body: pushSubscribedResponseSchema } },
    errors: ["unauthorized"],
  },
  {
    method: "get",
    path: "/api/media/{path}",
    id: "getMedia",
    tag: "media",
    summary: "A stored file through a signed, expiring link; single byte ranges (206) for video.",
    query: z.object({ exp: z.string(), sig: z.string(), dl: z.string().optional() }),
    answers: {
      200: { description: "The file.", contentType: "application/octet-stream" },
      206: { description: "The requested range.", contentType: "application/octet-stream" },
      304: noContent("Not changed since If-None-Match."),
      416: noContent("The range is outside the file."),
    },
    errors: ["forbidden", "not_found"],
  },
  {
    method: "head",
    path: "/api/media/{path}",
    id: "headMedia",
    tag: "media",
    summary: "The headers GET would send, without the bytes.",
    query: z.object({ exp: z.string(), sig: z.string(), dl: z.string().optional() }),
    answers: {
      200: noContent("The file's headers."),
      206: noContent("The requested range's headers."),
      304: noContent("Not changed since If-None-Match."),
      416: noContent("The range is outside the file."),
    },
    errors: ["forbidden", "not_found"],
  },
  {
    method: "get",
    path: "/api/cron/sweep",
    id: "sweep",
    tag: "system",
    summary: "The scheduled sweep (Vercel Cron, `Authorization: Bearer <CRON_SECRET>`).",
    answers: { 200: { description: "What the sweep did.", body: sweepResponseSchema } },
    errors: ["not_found", "unauthorized"],
  },
  {
    method: "post",
    path: "/api/webhooks/fal",
    id: "falWebhook",
    tag: "webhooks",
    summary: "fal's signed delivery of a finished request (ED25519 over the raw body).",
    query: z.object({ job: z.string().optional() }),
    body: { form: "application/json" },
    answers: { 200: { description: "Received.", body: falWebhookResponseSchema } },
    errors: ["not_found", "unauthorized", "validation_failed", "payload_too_large"],
  },
  {
    method: "post",
    path: "/api/webhooks/stripe",
    id: "stripeWebhook",
    tag: "webhooks",
    summary: "Stripe's signed events; each applied at most once.",
    body: { form: "application/json" },
    answers: { 200: { description: "Received.", body: stripeWebhookResponseSchema } },
    errors: ["not_found", "validation_failed", "payload_too_large"],
  },
  {
    method: "post",
    path: "/api/vitals",
    id: "sendVitals",
    tag: "system",
    summary:
      "A sampled page view's Web Vitals (navigator.sendBeacon; sent as text/plain, application/json also read); each metric becomes a log line.",
    mutation: true,
    body: { schema: vitalsRequestSchema },
    answers: { 204: noContent("Logged.") },
    errors: [],
  },
  {
    method: "get",
    path: "/api/openapi.json",
    id: "getOpenApi",
    tag: "system",
    summary: "This document.",
    answers: { 200: { description: "The OpenAPI 3.1 document.", contentType: "application/json" } },
    errors: [],
  },
];
