import { getTranslations } from "next-intl/server";
import type { OutboxMessage } from "@/lib/contracts/auth";

/** One card per message: subject, recipient, time, the code large, then the text. */
export async function OutboxList({ messages }: { messages: (OutboxMessage & { sentAt: string })[] }) {
  const t = await getTranslations("auth.outbox");
  return (
    <ol className="flex flex-col gap-3" aria-label={t("title")}>
      {messages.map((message, index) => (
        <li
          // Messages have no id in the API; the order is fixed (newest first) on this page.
          // biome-ignore lint/suspicious/noArrayIndexKey: a static, server-rendered list
          key={index}
          data-testid="outbox-message"
          className="flex flex-col gap-3 rounded-banner bg-surface-card p-5 shadow-card ring-1 ring-border-default ring-inset"
        >
          <div className="flex flex-col gap-1">
            <h2 className="text-headline font-semibold text-pretty">{message.subject}</h2>
            <p className="text-subheadline text-text-secondary">
              {t("to")}: <span className="font-medium text-text-primary">{message.to}</span> ·{" "}
              <time dateTime={message.createdAt}>{t("sentAt", { time: message.sentAt })}</time>
            </p>
          </div>
          {message.code ? (
            <p className="flex items-baseline gap-3">
              <span className="text-caption font-semibold tracking-wide text-text-secondary uppercase">
                {t("code")}
              </span>
              <span
                className="font-mono text-title2 font-bold tracking-[0.3em] tabular-nums"
                data-testid="outbox-code"
              >
                {message.code}
              </span>
            </p>
          ) : null}
          <p className="text-body whitespace-pre-line text-pretty">{message.text}</p>
        </li>
      ))}
    </ol>
  );
}
