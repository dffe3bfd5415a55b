import type { Locale } from "../../i18n/locale";

/** The Mail port: how a sign-in code reaches the person (embedded and postgres modes). */

export type SignInCodeMail = { to: string; code: string; locale: Locale; minutes: number };

export type Mailer = {
  /**
   * Hands the message over for delivery, or throws AppError("service_unavailable") when the
   * mail service refuses it or cannot be reached. Never retried here: a retry could send twice.
   */
  sendSignInCode(mail: SignInCodeMail): Promise<void>;
};
