import "server-only";
import { getRpc } from "../db";
import { outboxResult, outboxSendResult } from "../db/results";
import { signInCodeMessage } from "./message";
import type { Mailer } from "./port";

/**
 * The local outbox (development, or DEV_OUTBOX=true): messages land in a table that /dev/outbox
 * and GET /api/dev/outbox show, instead of being sent.
 */

export type OutboxMessage = {
  to: string;
  subject: string;
  text: string;
  code: string | null;
  createdAt: string;
};

export const outboxMailer: Mailer = {
  async sendSignInCode(mail) {
    const { subject, text } = signInCodeMessage(mail);
    const rpc = await getRpc();
    await rpc.call(
      "local_outbox_send",
      { p_to: mail.to, p_subject: subject, p_body: text, p_code: mail.code },
      outboxSendResult,
    );
  },
};

export async function listOutbox(email: string | null, limit = 50): Promise<OutboxMessage[]> {
  const rpc = await getRpc();
  return (await rpc.call("local_outbox_list", { p_email: email, p_limit: limit }, outboxResult)).messages;
}
