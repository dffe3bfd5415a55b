import "server-only";
import { getConfig } from "../config";
import type { Mailer } from "./port";

export type { Mailer, SignInCodeMail } from "./port";

/**
 * The Mailer of this server: SMTP when SMTP_URL is set, else the local outbox when it is on,
 * else none (email sign-in then answers 503). Supabase mode has none: Supabase Auth sends mail.
 */
export async function getMailer(): Promise<Mailer | null> {
  const config = getConfig();
  if (config.mode === "supabase") return null;
  if (config.smtp) return (await import("./smtp")).smtpMailer(config.smtp);
  if (config.devOutbox) return (await import("./outbox")).outboxMailer;
  return null;
}
