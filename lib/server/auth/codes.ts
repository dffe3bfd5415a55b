import { createHmac, randomInt } from "node:crypto";
import { signingKey } from "../secrets";

/** One-time sign-in codes of the local modes: 6 digits, only a keyed hash is stored. */

export const CODE_TTL_SECONDS = 10 * 60;
/** A new code may be asked for this long after the last one (the mail server's minimum interval must allow it). */
export const RESEND_AFTER_SECONDS = 30;
export const CODE_MAX_ATTEMPTS = 5;

export function newCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, "0");
}

/** HMAC keyed by the server secret, so a copy of the table does not give the codes away. */
export async function codeHash(email: string, code: string): Promise<string> {
  const key = createHmac("sha256", await signingKey("session"))
    .update("rendio:one-time-code")
    .digest();
  return createHmac("sha256", key).update(`${email}\n${code}`).digest("hex");
}
