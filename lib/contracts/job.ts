import { z } from "zod";
import { videoSettingsSchema } from "./catalog";

export const jobStatusSchema = z.enum(["pending", "processing", "completed", "failed"]);
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const finalStatuses: readonly JobStatus[] = ["completed", "failed"];
