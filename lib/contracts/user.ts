import { z } from "zod";

export const languageSchema = z.enum(["en", "tr", "es"]);
export const themePreferenceSchema = z.enum(["system", "light", "dark"]);

/** The signed-in (or guest) user as docs/api.md's `Me`. */
export const meSchema = z.object({
  id: z.uuid(),
  isGuest: z.boolean(),
  email: z.string().nullable(),
  credits: z.number().int().nonnegative(),
  language: languageSchema,
  theme: themePreferenceSchema,
  createdAt: z.iso.datetime(),
});
export type Me = z.infer<typeof meSchema>;
