import { z } from "zod";

/** The settings a model accepts (models.inputs). */
export const modelInputsSchema = z.object({
  image: z.enum(["required", "none"]),
  durations: z.array(z.number().int().positive()).min(1),
  defaultDuration: z.number().int().positive(),
  resolutions: z.array(z.string().min(1)).min(1),
  defaultResolution: z.string().min(1),
  aspectRatios: z.array(z.string().min(1)).min(1),
  defaultAspectRatio: z.string().min(1),
  audio: z.enum(["always", "optional", "never"]),
  defaultAudio: z.boolean(),
});
export type ModelInputs = z.infer<typeof modelInputsSchema>;

/** What a model costs in US cents (models.pricing); see lib/contracts/pricing.ts. */
export const modelPricingSchema = z.object({
  basis: z.enum(["per_second", "per_video"]),
  centsByResolution: z.record(z.string(), z.number().int().nonnegative()),
  audioCents: z.number().int().nonnegative(),
});
export type ModelPricing = z.infer<typeof modelPricingSchema>;

export const modelSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.enum(["text-to-video", "image-to-video"]),
  provider: z.string(),
  thumbnailUrl: z.string(),
  isFeatured: z.boolean(),
  inputs: modelInputsSchema,
  pricing: modelPricingSchema,
  /** How long a video usually takes with this model (seconds). */
  typicalSeconds: z.number().int().positive(),
});
export type Model = z.infer<typeof modelSchema>;

export const videoSettingsSchema = z.object({
  durationSeconds: z.number().int().positive(),
  resolution: z.string(),
  aspectRatio: z.string(),
  audio: z.boolean(),
});
export type VideoSettings = z.infer<typeof videoSettingsSchema>;

/** Requested settings: any may be left out to take the model's default. */
export const requestedSettingsSchema = videoSettingsSchema.partial().strict();
export type RequestedSettings = z.infer<typeof requestedSettingsSchema>;

export const themeSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  prompt: z.string(),
  thumbnailUrl: z.string(),
  modelId: z.uuid().nullable(),
  defaultSettings: requestedSettingsSchema,
  isFeatured: z.boolean(),
});
export type Theme = z.infer<typeof themeSchema>;

export const creditProductSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  credits: z.number().int().positive(),
  priceCents: z.number().int().positive(),
  currency: z.string().length(3),
  label: z.string(),
  isPopular: z.boolean(),
});
export type CreditProduct = z.infer<typeof creditProductSchema>;
