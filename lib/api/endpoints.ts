import { z } from "zod";
import {
  type CreateJobRequest,
  catalogResponseSchema,
  createJobResponseSchema,
  guestResponseSchema,
  jobPageResponseSchema,
  jobResponseSchema,
  meResponseSchema,
  modelResponseSchema,
  type ShareJobRequest,
  shareJobResponseSchema,
  uploadResponseSchema,
} from "../contracts/api";
import { pushKeyResponseSchema, pushSubscribedResponseSchema } from "../contracts/push";
import type { Locale } from "../i18n/locale";
import { apiRequest } from "./client";

/** One typed function per API route the browser uses (api.md). */
export const api = {
  me: () => apiRequest("/api/me", meResponseSchema),
  startGuest: (captchaToken?: string) =>
    apiRequest("/api/session/guest", guestResponseSchema, {
      method: "POST",
      body: captchaToken ? { captchaToken } : {},
    }),
  catalog: (locale: Locale) => apiRequest(`/api/models?locale=${locale}`, catalogResponseSchema),
  model: (idOrSlug: string, locale: Locale) =>
    apiRequest(`/api/models/${encodeURIComponent(idOrSlug)}?locale=${locale}`, modelResponseSchema),
  createJob: (body: CreateJobRequest, idempotencyKey: string) =>
    apiRequest("/api/jobs", createJobResponseSchema, { method: "POST", body, idempotencyKey }),
  job: (id: string) => apiRequest(`/api/jobs/${encodeURIComponent(id)}`, jobResponseSchema),
  jobs: (params: { cursor?: string | null; q?: string; limit?: number } = {}) => {
    const search = new URLSearchParams();
    if (params.cursor) search.set("cursor", params.cursor);
    if (params.q) search.set("q", params.q);
    if (params.limit) search.set("limit", String(params.limit));
    return apiRequest(`/api/jobs?${search}`, jobPageResponseSchema);
  },
  uploadImage: (file: Blob, name = "image.jpg") => {
    const form = new FormData();
    form.set("file", file, name);
    return apiRequest("/api/uploads", uploadResponseSchema, { method: "POST", form });
  },
  health: () =>
    apiRequest("/api/health", z.object({ ok: z.literal(true), mode: z.string(), version: z.string() })),
};

/** History's calls beyond `api` (kept apart so parallel work on `api` merges cleanly). */
export const historyApi = {
  /** 204 → null; 404 job_not_found when it is gone or not the user's. */
  deleteJob: (id: string) =>
    apiRequest(`/api/jobs/${encodeURIComponent(id)}`, z.null(), { method: "DELETE" }),
};

/** Share pages (kept apart so parallel work on `api` merges cleanly). */
export const shareApi = {
  /** 200 { url } of the video's public page, the same on every call. */
  share: (id: string, body: ShareJobRequest = {}) =>
    apiRequest(`/api/jobs/${encodeURIComponent(id)}/share`, shareJobResponseSchema, { method: "POST", body }),
  /** 204 → null, also when it was not shared. */
  unshare: (id: string) =>
    apiRequest(`/api/jobs/${encodeURIComponent(id)}/share`, z.null(), { method: "DELETE" }),
};

/** Web Push (kept apart so parallel work on `api` merges cleanly). */
export const pushApi = {
  key: () => apiRequest("/api/push/key", pushKeyResponseSchema),
  /** The body is `PushSubscription.toJSON()`; the server checks its endpoint and keys. */
  subscribe: (subscription: PushSubscriptionJSON) =>
    apiRequest("/api/push/subscriptions", pushSubscribedResponseSchema, {
      method: "POST",
      body: subscription,
    }),
  unsubscribe: (endpoint: string) =>
    apiRequest("/api/push/subscriptions", pushSubscribedResponseSchema, {
      method: "DELETE",
      body: { endpoint },
    }),
};
