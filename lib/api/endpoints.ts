import type { CreateJobRequest, ShareJobRequest } from "../contracts/api";
import type { Locale } from "../i18n/locale";
import {
  catalogAnswer,
  createJobAnswer,
  healthAnswer,
  jobPageAnswer,
  jobResponseAnswer,
  meAnswer,
  modelAnswer,
  noContent,
  pushKeyAnswer,
  pushSubscribedAnswer,
  shareAnswer,
  uploadAnswer,
  userAnswer,
} from "./answers";
import { apiRequest } from "./client";

/** One typed function per API route the browser uses (docs/api.md). */
export const api = {
  me: () => apiRequest("/api/me", meAnswer),
  startGuest: (captchaToken?: string) =>
    apiRequest("/api/session/guest", userAnswer, {
      method: "POST",
      body: captchaToken ? { captchaToken } : {},
    }),
  catalog: (locale: Locale) => apiRequest(`/api/models?locale=${locale}`, catalogAnswer),
  model: (idOrSlug: string, locale: Locale) =>
    apiRequest(`/api/models/${encodeURIComponent(idOrSlug)}?locale=${locale}`, modelAnswer),
  createJob: (body: CreateJobRequest, idempotencyKey: string) =>
    apiRequest("/api/jobs", createJobAnswer, { method: "POST", body, idempotencyKey }),
  job: (id: string) => apiRequest(`/api/jobs/${encodeURIComponent(id)}`, jobResponseAnswer),
  jobs: (params: { cursor?: string | null; q?: string; limit?: number } = {}) => {
    const search = new URLSearchParams();
    if (params.cursor) search.set("cursor", params.cursor);
    if (params.q) search.set("q", params.q);
    if (params.limit) search.set("limit", String(params.limit));
    return apiRequest(`/api/jobs?${search}`, jobPageAnswer);
  },
  uploadImage: (file: Blob, name = "image.jpg") => {
    const form = new FormData();
    form.set("file", file, name);
    return apiRequest("/api/uploads", uploadAnswer, { method: "POST", form });
  },
  health: () => apiRequest("/api/health", healthAnswer),
};

/** History's calls beyond `api` (kept apart so parallel work on `api` merges cleanly). */
export const historyApi = {
  /** 204 → null; 404 job_not_found when it is gone or not the user's. */
  deleteJob: (id: string) =>
    apiRequest(`/api/jobs/${encodeURIComponent(id)}`, noContent, { method: "DELETE" }),
};

/** Share pages (kept apart so parallel work on `api` merges cleanly). */
export const shareApi = {
  /** 200 { url } of the video's public page, the same on every call. */
  share: (id: string, body: ShareJobRequest = {}) =>
    apiRequest(`/api/jobs/${encodeURIComponent(id)}/share`, shareAnswer, { method: "POST", body }),
  /** 204 → null, also when it was not shared. */
  unshare: (id: string) =>
    apiRequest(`/api/jobs/${encodeURIComponent(id)}/share`, noContent, { method: "DELETE" }),
};

/** Web Push (kept apart so parallel work on `api` merges cleanly). */
export const pushApi = {
  key: () => apiRequest("/api/push/key", pushKeyAnswer),
  /** The body is `PushSubscription.toJSON()`; the server checks its endpoint and keys. */
  subscribe: (subscription: PushSubscriptionJSON) =>
    apiRequest("/api/push/subscriptions", pushSubscribedAnswer, {
      method: "POST",
      body: subscription,
    }),
  unsubscribe: (endpoint: string) =>
    apiRequest("/api/push/subscriptions", pushSubscribedAnswer, {
      method: "DELETE",
      body: { endpoint },
    }),
};
