import "server-only";
import { createTransport } from "nodemailer";
import { AppError } from "../../errors";
import type { Config } from "../config";
import { reportError } from "../log/report";
import { signInCodeMessage } from "./message";
import type { Mailer } from "./port";

/**
 * Real mail over SMTP (SMTP_URL, MAIL_FROM). One connection per message, bounded by timeouts so a
 * silent server cannot hold a request open. A failed send is reported, never retried: the server
 * may have taken the message before the failure, and a retry would mail a second code.
 */

const TIMEOUTS = {
  connectionTimeout: 10_000, // TCP (and TLS) connect
  greetingTimeout: 10_000, // the server's first line after connecting
  socketTimeout: 20_000, // silence at any later point
};

export function smtpMailer(smtp: NonNullable<Config["smtp"]>): Mailer {
  return {
    async sendSignInCode(mail) {
      const { subject, text, html } = signInCodeMessage(mail);
      const transport = createTransport({ url: smtp.url, ...TIMEOUTS });
      try {
        await transport.sendMail({ from: smtp.from, to: mail.to, subject, text, html });
      } catch (error) {
        reportError(new Error(failureOf(error)), "sign-in mail failed", { host: new URL(smtp.url).host });
        throw new AppError("service_unavailable");
      } finally {
        transport.close();
      }
    },
  };
}

/** What went wrong, for the log: nodemailer's code and the server's answer, never credentials. */
function failureOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code, responseCode, command } = error as Error & {
    code?: string;
    responseCode?: number;
    command?: string;
  };
  // A refusal often quotes the recipient: no address goes into the log.
  const message = error.message.replace(/[^\s<>@]+@[^\s<>@]+/g, "[email]");
  return [code, command, responseCode, message].filter(Boolean).join(" ");
}
