import { Inbox } from "lucide-react";
import { getTranslations } from "next-intl/server";

/** Without a mail server (development, or DEV_OUTBOX=true) the code is in the outbox: say so. */
export async function DevOutboxHint() {
  const t = await getTranslations("auth");
  return (
    <aside className="flex items-start gap-3 rounded-banner bg-warning/10 p-4 text-subheadline ring-1 ring-warning/30 ring-inset">
      <Inbox aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-text-primary" strokeWidth={2.25} />
      <p className="text-pretty">
        {t("devHint")}{" "}
        <a
          href="/dev/outbox"
          target="_blank"
          rel="noopener"
          className="font-semibold underline underline-offset-4"
        >
          {t("devHintLink")}
        </a>
      </p>
    </aside>
  );
}
