import "server-only";
import { AppError } from "../../errors";
import { getConfig } from "../config";
import { verifyTurnstileToken } from "./turnstile";

/**
 * The human check in front of new guests and sign-in codes, when Turnstile is configured.
 * Local modes verify the token here. In supabase mode Supabase Auth verifies it itself (with the
 * same secret, set in its captcha settings) on the call that needs it, and a token can be checked
 * only once, so it is passed on instead. Returns the token to hand to Supabase Auth, if any.
 */
export async function checkCaptcha(token: string | undefined, address: string): Promise<string | undefined> {
  const config = getConfig();
  if (!config.turnstile) return undefined;
  if (!token) throw new AppError("captcha_failed", { field: "captchaToken" });
  if (config.mode === "supabase") return token;
  await verifyTurnstileToken(config.turnstile, token, address);
  return undefined;
}
