import type { CheckoutResponse, CreditProductsResponse, LedgerEntry, LedgerPage } from "../contracts/account";
import type {
  CatalogModel,
  CatalogResponse,
  CreateJobResponse,
  JobPage,
  ShareJobResponse,
  UploadResponse,
} from "../contracts/api";
import type { EmailCodeSent, OutboxMessage } from "../contracts/auth";
import type {
  CreditProduct,
  ModelInputs,
  ModelPricing,
  RequestedSettings,
  Theme,
  VideoSettings,
} from "../contracts/catalog";
import type { Job } from "../contracts/job";
import type { PushKeyResponse } from "../contracts/push";
import type { Me } from "../contracts/user";
import {
  either,
  isBoolean,
  isNull,
  isNumber,
  isString,
  listOf,
  literal,
  nullable,
  object,
  oneOf,
  optional,
  recordOf,
} from "./shapes";

/** The shape of every API answer the browser reads (docs/api.md), checked with lib/api/shapes.ts. */

const uuid = isString;
const dateTime = isString;

export const meAnswer = object<Me>({
  id: uuid,
  isGuest: isBoolean,
  email: nullable(isString),
  credits: isNumber,
  language: oneOf(["en", "tr", "es"]),
  theme: oneOf(["system", "light", "dark"]),
  createdAt: dateTime,
});

const videoSettings = object<VideoSettings>({
  durationSeconds: isNumber,
  resolution: isString,
  aspectRatio: isString,
  audio: isBoolean,
});

const requestedSettings = object<RequestedSettings>({
  durationSeconds: optional(isNumber),
  resolution: optional(isString),
  aspectRatio: optional(isString),
  audio: optional(isBoolean),
});

export const jobAnswer = object<Job>({
  id: uuid,
  status: oneOf(["pending", "processing", "completed", "failed"]),
  progress: nullable(isNumber),
  queuePosition: nullable(isNumber),
  prompt: isString,
  settings: videoSettings,
  model: object<Job["model"]>({ id: uuid, slug: isString, name: isString, typicalSeconds: isNumber }),
  provider: oneOf(["local", "fal"]),
  themeId: nullable(uuid),
  creditsUsed: isNumber,
  videoUrl: nullable(isString),
  thumbnailUrl: nullable(isString),
  downloadUrl: nullable(isString),
  sharePath: nullable(isString),
  errorCode: nullable(isString),
  refunded: isBoolean,
  createdAt: dateTime,
  startedAt: nullable(dateTime),
  completedAt: nullable(dateTime),
  expiresAt: dateTime,
});

const catalogModel = object<CatalogModel>({
  id: uuid,
  slug: isString,
  name: isString,
  description: isString,
  category: oneOf(["text-to-video", "image-to-video"]),
  provider: isString,
  thumbnailUrl: isString,
  isFeatured: isBoolean,
  inputs: object<ModelInputs>({
    image: oneOf(["required", "none"]),
    durations: listOf(isNumber),
    defaultDuration: isNumber,
    resolutions: listOf(isString),
    defaultResolution: isString,
    aspectRatios: listOf(isString),
    defaultAspectRatio: isString,
    audio: oneOf(["always", "optional", "never"]),
    defaultAudio: isBoolean,
  }),
  pricing: object<ModelPricing>({
    basis: oneOf(["per_second", "per_video"]),
    centsByResolution: recordOf(isNumber),
    audioCents: isNumber,
  }),
  typicalSeconds: isNumber,
  minCredits: isNumber,
});

const theme = object<Theme>({
  id: uuid,
  slug: isString,
  name: isString,
  description: isString,
  prompt: isString,
  thumbnailUrl: isString,
  modelId: nullable(uuid),
  defaultSettings: requestedSettings,
  isFeatured: isBoolean,
});

export const catalogAnswer = object<CatalogResponse>({ models: listOf(catalogModel), themes: listOf(theme) });
export const modelAnswer = object<{ model: CatalogModel }>({ model: catalogModel });
export const userAnswer = object<{ user: Me }>({ user: meAnswer });
export const jobResponseAnswer = object<{ job: Job }>({ job: jobAnswer });
export const createJobAnswer = object<CreateJobResponse>({ job: jobAnswer, credits: isNumber });
export const jobPageAnswer = object<JobPage>({ jobs: listOf(jobAnswer), nextCursor: nullable(isString) });
export const shareAnswer = object<ShareJobResponse>({ url: isString });
export const uploadAnswer = object<UploadResponse>({ imageUrl: isString, previewUrl: isString });
export const healthAnswer = object<{ ok: true; mode: string; version: string }>({
  ok: literal(true),
  mode: isString,
  version: isString,
});

/** A 204: no body. */
export const noContent = isNull;

export const pushKeyAnswer = object<PushKeyResponse>({ publicKey: nullable(isString) });
export const pushSubscribedAnswer = object<{ subscribed: boolean }>({ subscribed: isBoolean });

const creditProduct = object<CreditProduct>({
  id: uuid,
  slug: isString,
  credits: isNumber,
  priceCents: isNumber,
  currency: isString,
  label: isString,
  isPopular: isBoolean,
});
export const creditProductsAnswer = object<CreditProductsResponse>({ products: listOf(creditProduct) });

const ledgerEntry = object<LedgerEntry>({
  id: isString,
  change: isNumber,
  reason: oneOf(["grant", "spend", "refund", "purchase", "merge", "admin", "chargeback"]),
  balanceAfter: isNumber,
  jobId: nullable(uuid),
  createdAt: dateTime,
});
export const ledgerPageAnswer = object<LedgerPage>({
  entries: listOf(ledgerEntry),
  nextCursor: nullable(isString),
});

export const checkoutAnswer: (value: unknown) => value is CheckoutResponse = either(
  object<{ url: string }>({ url: isString }),
  object<{ credits: number; test: true }>({ credits: isNumber, test: literal(true) }),
);

export const emailCodeSentAnswer = object<EmailCodeSent>({
  expiresInSeconds: isNumber,
  resendAfterSeconds: isNumber,
});
export const outboxAnswer = object<{ messages: OutboxMessage[] }>({
  messages: listOf(
    object<OutboxMessage>({
      to: isString,
      subject: isString,
      text: isString,
      code: nullable(isString),
      createdAt: dateTime,
    }),
  ),
});

/** The error body every failing route sends (docs/api.md "Errors"). */
export const errorAnswer = object<{ error: { code: string; message: string; field?: string } }>({
  error: object<{ code: string; message: string; field?: string }>({
    code: isString,
    message: isString,
    field: optional(isString),
  }),
});
