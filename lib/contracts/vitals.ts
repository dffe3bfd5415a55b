import { z } from "zod";
import { NAVIGATION_TYPES, PAGE_ROUTES, VITAL_NAMES, VITAL_RATINGS } from "../observability/pages";

/**
 * A page view's Web Vitals (`POST /api/vitals`, sent with navigator.sendBeacon): the page's route
 * template and up to one reading per metric and send. Values are milliseconds, CLS a unitless score.
 */
export const vitalSchema = z.strictObject({
  name: z.enum(VITAL_NAMES),
  value: z.number().finite().min(0).max(600_000),
  rating: z.enum(VITAL_RATINGS),
  navigationType: z.enum(NAVIGATION_TYPES),
});

export const vitalsRequestSchema = z.strictObject({
  route: z.enum(PAGE_ROUTES),
  metrics: z.array(vitalSchema).min(1).max(8),
});
export type VitalsRequest = z.infer<typeof vitalsRequestSchema>;
