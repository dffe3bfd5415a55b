import { z } from "zod";
import { meSchema } from "./user";

/** Sign-in by email code (docs/api.md "Session and account"), shared by route handlers and lib/api. */

export { CODE_LENGTH } from "./limits";

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

export const codeSchema = z
  .string()
  .transform((value) => value.replace(/\s/g, ""))
  .pipe(z.string().regex(/^\d{6}$/));

/** A Cloudflare Turnstile token from the widget (at most 2048 characters, per Cloudflare). */
export const captchaTokenSchema = z.string().min(1).max(2048);

/** POST /api/session/guest: the body may be left out; captchaToken is needed when Turnstile is on. */
export const guestRequestSchema = z.object({ captchaToken: captchaTokenSchema.optional() }).strict();
export type GuestRequest = z.input<typeof guestRequestSchema>;

export const emailCodeRequestSchema = z
  .object({ email: emailSchema, captchaToken: captchaTokenSchema.optional() })
  .strict();
export type EmailCodeRequest = z.input<typeof emailCodeRequestSchema>;

export const emailCodeSentSchema = z.object({
  /** How long the code stays valid. */
  expiresInSeconds: z.number().int().positive(),
  /** When the page may offer to send another one. */
  resendAfterSeconds: z.number().int().nonnegative(),
});
export type EmailCodeSent = z.infer<typeof emailCodeSentSchema>;

export const verifyCodeRequestSchema = z.object({ email: emailSchema, code: codeSchema }).strict();
export type VerifyCodeRequest = z.input<typeof verifyCodeRequestSchema>;

/** POST /api/auth/sign-out: this device (the default) or every session of the person. */
export const signOutRequestSchema = z.object({ scope: z.enum(["device", "everywhere"]).optional() }).strict();
export type SignOutRequest = z.input<typeof signOutRequestSchema>;

export const signInResponseSchema = z.object({ user: meSchema });

export const outboxMessageSchema = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  code: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export const outboxResponseSchema = z.object({ messages: z.array(outboxMessageSchema) });
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

const DEFAULT_NEXT = "/profile";

/**
 * Where to go after signing in: a path on this site only (no scheme, no host, no "//" or "\"
 * tricks), else Profile.
 */
export function safeNextPath(value: string | null | undefined): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.includes("\\")) return DEFAULT_NEXT;
  if (value.length > 512 || [...value].some((c) => c.charCodeAt(0) < 0x20)) return DEFAULT_NEXT;
  try {
    const base = "http://rendio.invalid";
    const url = new URL(value, base);
    if (url.origin !== base) return DEFAULT_NEXT;
    if (url.pathname.startsWith("/sign-in")) return DEFAULT_NEXT;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return DEFAULT_NEXT;
  }
}
