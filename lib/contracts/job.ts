import { z } from "zod";
import { videoSettingsSchema } from "./catalog";

export const jobStatusSchema = z.enum(["pending", "processing", "completed", "failed"]);
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const finalStatuses: readonly JobStatus[] = ["completed", "failed"];

/**
 * A job as the API returns it (docs/api.md `Job`): media as signed, expiring URLs. The stored job
 * (lib/server/db/functions/jobs.ts) is this with storage paths instead of links, and the API's
 * view is this schema applied to it, so a new field is added here (and to the SQL's job_json).
 */
export const jobSchema = z.object({
  id: z.uuid(),
  status: jobStatusSchema,
  progress: z.number().min(0).max(1).nullable(),
  queuePosition: z.number().int().positive().nullable(),
  prompt: z.string(),
  settings: videoSettingsSchema,
  model: z.object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    /** How long a video usually takes with this model (seconds), for an honest wait. */
    typicalSeconds: z.number().int().positive(),
  }),
  /** Who makes the video: `fal` (an AI model) or `local` (the offline preview renderer). */
  provider: z.enum(["local", "fal"]),
  themeId: z.uuid().nullable(),
  creditsUsed: z.number().int().positive(),
  videoUrl: z.string().nullable(),
  thumbnailUrl: z.string().nullable(),
  /** The video as an attachment (Save/Download). */
  downloadUrl: z.string().nullable(),
  /** The video's public page (`/v/<token>`, on the app's origin) while it is shared, else null. */
  sharePath: z.string().nullable(),
  errorCode: z.string().nullable(),
  refunded: z.boolean(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime(),
});
export type Job = z.infer<typeof jobSchema>;
