import "server-only";
import { getRpc } from "../db";
import * as sql from "../db/functions";
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
    await sql.localOutboxSend(rpc, { to: mail.to, subject, body: text, code: mail.code });
  },
};

export async function listOutbox(email: string | null, limit = 50): Promise<OutboxMessage[]> {
  const rpc = await getRpc();
  return (await sql.localOutboxList(rpc, { email, limit })).messages;
}
