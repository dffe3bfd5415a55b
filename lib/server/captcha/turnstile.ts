import "server-only";
import { isIP } from "node:net";
import { z } from "zod";
import { AppError } from "../../errors";
import { logger } from "../log/logger";
import { reportError } from "../log/report";

/**
 * Cloudflare Turnstile's siteverify: one form-encoded POST per token (tokens are single-use and
 * expire after 300 s). A refused token is the visitor's `captcha_failed`; anything that stops us
 * from getting an answer, or an answer that blames our own secret, is `service_unavailable`.
 */

export const SITEVERIFY_TIMEOUT_MS = 5000;

export type TurnstileSettings = { secretKey: string; verifyUrl: string };

const answerSchema = z.object({
  success: z.boolean(),
  "error-codes": z.array(z.string()).default([]),
  challenge_ts: z.string().optional(),
  hostname: z.string().optional(),
  action: z.string().optional(),
  cdata: z.string().optional(),
});

/** Refusals caused by our settings or by Cloudflare, not by the visitor's token. */
const notTheVisitor = new Set(["missing-input-secret", "invalid-input-secret", "internal-error"]);

export async function verifyTurnstileToken(
  settings: TurnstileSettings,
  token: string,
  address: string,
  timeoutMs = SITEVERIFY_TIMEOUT_MS,
): Promise<void> {
  const form = new URLSearchParams({ secret: settings.secretKey, response: token });
  // Only a real address helps Cloudflare; "local" (no proxy header) would be refused as bad input.
  if (isIP(address)) form.set("remoteip", address);
  const answer = answerSchema.safeParse(await post(settings.verifyUrl, form, timeoutMs));
  if (!answer.success) {
    reportError(answer.error, "Turnstile siteverify: unexpected answer");
    throw new AppError("service_unavailable");
  }
  if (answer.data.success) return;
  const codes = answer.data["error-codes"];
  if (codes.some((code) => notTheVisitor.has(code))) {
    reportError(new Error(codes.join(", ")), "Turnstile siteverify refused our request");
    throw new AppError("service_unavailable");
  }
  throw new AppError("captcha_failed", { field: "captchaToken" });
}

async function post(url: string, form: URLSearchParams, timeoutMs: number): Promise<unknown> {
  try {
    const response = await fetch(url, {
      method: "POST",
      body: form,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return await response.json();
  } catch (error) {
    logger().warn(
      { reason: error instanceof Error ? error.message : String(error) },
      "Turnstile siteverify unreachable",
    );
    throw new AppError("service_unavailable");
  }
}
