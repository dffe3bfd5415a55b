import { z } from "zod";
import { modelSchema, requestedSettingsSchema, type Theme, themeSchema } from "./catalog";
import { jobSchema } from "./job";
import { MAX_PROMPT_LENGTH } from "./limits";
import { meSchema } from "./user";

/** Request and response bodies of the HTTP API (docs/api.md), shared by route handlers and lib/api. */

export { IMAGE_TYPES, MAX_IMAGE_BYTES, MAX_PROMPT_LENGTH } from "./limits";

export const catalogModelSchema = modelSchema.extend({
  /** The cheapest settings this model allows, in credits (what "from N credits" shows). */
  minCredits: z.number().int().positive(),
});
export type CatalogModel = z.infer<typeof catalogModelSchema>;

export const catalogResponseSchema = z.object({
  models: z.array(catalogModelSchema),
  themes: z.array(themeSchema),
});
export type CatalogResponse = z.infer<typeof catalogResponseSchema>;

/** A model as a list of models shows and searches it: without what only its form needs. */
export type ListedModel = Pick<
  CatalogModel,
  | "id"
  | "slug"
  | "name"
  | "description"
  | "category"
  | "thumbnailUrl"
  | "isFeatured"
  | "typicalSeconds"
  | "minCredits"
>;
/** A theme as a list shows and searches it: without the prompt and settings it fills the form with. */
export type ListedTheme = Pick<Theme, "id" | "slug" | "name" | "description" | "thumbnailUrl" | "modelId">;
/** The catalog as Home lists it (a whole CatalogResponse is one too). */
export type CatalogListing = { models: ListedModel[]; themes: ListedTheme[] };

export const modelResponseSchema = z.object({ model: catalogModelSchema });

export const meResponseSchema = meSchema;
export const guestResponseSchema = z.object({ user: meSchema });

export const createJobRequestSchema = z
  .object({
    modelId: z.uuid(),
    prompt: z.string().trim().min(1).max(MAX_PROMPT_LENGTH),
    settings: requestedSettingsSchema.default({}),
    themeId: z.uuid().optional(),
    imageUrl: z.string().min(1).max(300).optional(),
  })
  .strict();
export type CreateJobRequest = z.input<typeof createJobRequestSchema>;

export const createJobResponseSchema = z.object({ job: jobSchema, credits: z.number().int().nonnegative() });
export type CreateJobResponse = z.infer<typeof createJobResponseSchema>;

export const jobResponseSchema = z.object({ job: jobSchema });

export const jobPageResponseSchema = z.object({
  jobs: z.array(jobSchema),
  nextCursor: z.string().nullable(),
});
export type JobPage = z.infer<typeof jobPageResponseSchema>;

/** POST /api/jobs/:id/share: whether the page shows the prompt (default: it does). */
export const shareJobRequestSchema = z.object({ showPrompt: z.boolean().optional() }).strict();
export type ShareJobRequest = z.input<typeof shareJobRequestSchema>;
export const shareJobResponseSchema = z.object({ url: z.url() });
export type ShareJobResponse = z.infer<typeof shareJobResponseSchema>;

export const uploadResponseSchema = z.object({
  /** The reference to send as `imageUrl` when creating the job. */
  imageUrl: z.string(),
  /** A short-lived link to show the uploaded picture. */
  previewUrl: z.string(),
});
export type UploadResponse = z.infer<typeof uploadResponseSchema>;

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
