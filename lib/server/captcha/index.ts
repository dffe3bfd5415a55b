import "server-only";
import { AppError } from "../../errors";
import { getConfig } from "../config";
import { verifyTurnstileToken } from "./turnstile";

/**
 * The human check in front of new guests and sign-in codes, when Turnstile is configured. It is
 * ours in every mode: in supabase mode those calls reach Supabase Auth with the secret key (so it
 * believes the forwarded client address), and Supabase Auth skips its own captcha check for
 * admin credentials, so its CAPTCHA setting would protect nothing.
 */
export async function checkCaptcha(token: string | undefined, address: string): Promise<void> {
  const config = getConfig();
  if (!config.turnstile) return;
  if (!token) throw new AppError("captcha_failed", { field: "captchaToken" });
  await verifyTurnstileToken(config.turnstile, token, address);
}
