"use client";

import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { IntentLink } from "@/components/ui/intent-link";
import { useMe } from "@/lib/api/me";
import type { BalanceWords } from "@/lib/i18n/balance-words";
import { toneText } from "./tones";

/** Where "get more credits" goes until the purchase dialog exists. */
export const buyCreditsHref = "/profile?buy=1";

/**
 * The balance pill's live part: the number, kept current, as a link to buying credits. Always
 * shown once there is a user — in the warning style at 0 (`data-empty`, which the bolt follows),
 * never hidden. Before the first answer it keeps its place with a placeholder; with no session
 * yet it renders nothing (Home shows the welcome instead). `words`: the server's, for the balance
 * it read (balance-words.ts).
 */
export function CreditBadgeLink({ words, bolt }: { words: BalanceWords | null; bolt: ReactNode }) {
  const t = useTranslations("credits");
  const locale = useLocale();
  const { data: me, error } = useMe();

  if (!me) {
    if (error) return null;
    return (
      <span
        role="status"
        className="inline-flex h-9 w-[4.5rem] rounded-full bg-surface-card motion-safe:animate-pulse"
      >
        <span className="sr-only">{t("loading")}</span>
      </span>
    );
  }

  const shown =
    words?.credits === me.credits
      ? words
      : { amount: me.credits.toLocaleString(locale), badge: t("badge", { count: me.credits }) };
  const empty = me.credits === 0;
  return (
    <IntentLink
      href={buyCreditsHref}
      aria-label={shown.badge}
      data-empty={empty || undefined}
      className={`group relative inline-flex h-9 items-center gap-1 rounded-full pr-3.5 pl-2.5 ring-1 transition-[background-color,transform] ring-inset before:absolute before:-inset-1 active:scale-95 ${
        empty
          ? `bg-warning/15 ring-warning/50 hover:bg-warning/25 ${toneText.warning}`
          : "bg-brand-primary/10 ring-brand-primary/25 hover:bg-brand-primary/15 text-text-primary"
      }`}
    >
      {bolt}
      <span className="font-rounded text-headline font-semibold tabular-nums">{shown.amount}</span>
    </IntentLink>
  );
}
