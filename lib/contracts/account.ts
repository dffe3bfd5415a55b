import { z } from "zod";
import { creditProductSchema } from "./catalog";
import { languageSchema, themePreferenceSchema } from "./user";

/** Request and response bodies of the profile, settings and credits routes (docs/api.md "Credits"). */

/** PATCH /api/me: only the settings a person may change themselves; at least one of them. */
export const updateSettingsRequestSchema = z
  .object({ language: languageSchema.optional(), theme: themePreferenceSchema.optional() })
  .strict()
  .refine((body) => body.language !== undefined || body.theme !== undefined, {
    message: "language or theme is required",
    path: ["language"],
  });
export type UpdateSettingsRequest = z.infer<typeof updateSettingsRequestSchema>;

export const creditProductsResponseSchema = z.object({ products: z.array(creditProductSchema) });
export type CreditProductsResponse = z.infer<typeof creditProductsResponseSchema>;

export const ledgerKinds = ["grant", "spend", "refund", "purchase", "merge", "admin", "chargeback"] as const;
export const ledgerKindSchema = z.enum(ledgerKinds);
export type LedgerKind = z.infer<typeof ledgerKindSchema>;

/** A credit history row; `reason` is the ledger kind, which the UI puts in words. */
export const ledgerEntrySchema = z.object({
  id: z.string(),
  change: z.number().int(),
  reason: ledgerKindSchema,
  balanceAfter: z.number().int().nonnegative(),
  jobId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const ledgerPageResponseSchema = z.object({
  entries: z.array(ledgerEntrySchema),
  nextCursor: z.string().nullable(),
});
export type LedgerPage = z.infer<typeof ledgerPageResponseSchema>;

export const checkoutRequestSchema = z.object({ productId: z.uuid() }).strict();
export type CheckoutRequest = z.infer<typeof checkoutRequestSchema>;

/**
 * With Stripe configured: `{ url }` of the Checkout page. Without: a test purchase was granted at
 * once, `{ credits, test: true }` with the balance after it.
 */
export const checkoutResponseSchema = z.union([
  z.object({ url: z.url({ protocol: /^https?$/ }) }),
  z.object({ credits: z.number().int().nonnegative(), test: z.literal(true) }),
]);
export type CheckoutResponse = z.infer<typeof checkoutResponseSchema>;
