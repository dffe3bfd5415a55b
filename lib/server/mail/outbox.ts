import "server-only";
import { createTranslator } from "next-intl";
import en from "../../../messages/en.json" with { type: "json" };
import es from "../../../messages/es.json" with { type: "json" };
import tr from "../../../messages/tr.json" with { type: "json" };
import type { Locale } from "../../i18n/locale";
import { getRpc } from "../db";
import { outboxResult, outboxSendResult } from "../db/results";

/**
 * The local mailer (embedded and postgres modes): messages land in a table that /dev/outbox and
 * GET /api/dev/outbox show, instead of being sent. In supabase mode Supabase Auth sends the mail.
 */

const messages = { en, tr, es };

export type OutboxMessage = {
  to: string;
  subject: string;
  text: string;
  code: string | null;
  createdAt: string;
};

export async function sendSignInCode(input: {
  to: string;
  code: string;
  locale: Locale;
  minutes: number;
}): Promise<void> {
  const t = createTranslator({
    locale: input.locale,
    messages: messages[input.locale],
    namespace: "auth.mail",
  });
  const rpc = await getRpc();
  await rpc.call(
    "local_outbox_send",
    {
      p_to: input.to,
      p_subject: t("subject", { code: input.code }),
      p_body: t("text", { code: input.code, minutes: input.minutes }),
      p_code: input.code,
    },
    outboxSendResult,
  );
}

export async function listOutbox(email: string | null, limit = 50): Promise<OutboxMessage[]> {
  const rpc = await getRpc();
  return (await rpc.call("local_outbox_list", { p_email: email, p_limit: limit }, outboxResult)).messages;
}
