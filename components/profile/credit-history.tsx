"use client";

import { ArrowDownLeft, ArrowUpRight, ReceiptText } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { type ReactNode, useEffect, useState } from "react";
import { secondaryButtonClass } from "@/components/ui/button-classes";
import { Skeleton } from "@/components/ui/skeleton";
import { toneText } from "@/components/ui/tones";
import type { useLedger } from "@/lib/api/ledger";
import type { LedgerEntry } from "@/lib/contracts/account";
import { formatChange, formatLedgerDate, ledgerTone } from "@/lib/format/credits";
import { cardClass, Section } from "./section";

/** The credit ledger, newest first: the reason in words, the change with its sign, the date. */
export function CreditHistory({ ledger }: { ledger: ReturnType<typeof useLedger> }) {
  const t = useTranslations();
  const { data, error, size, setSize, isValidating } = ledger;
  const entries = data?.flatMap((page) => page.entries) ?? [];
  const hasMore = Boolean(data?.at(-1)?.nextCursor);
  const loadingMore = isValidating && size > (data?.length ?? 0);

  let body: ReactNode;
  if (!data && error) {
    body = (
      <p role="alert" className="px-4 py-4 text-subheadline text-text-secondary">
        {t(error.messageKey)}
      </p>
    );
  } else if (!data) {
    body = (
      <div role="status" className="flex flex-col gap-px">
        <span className="sr-only">{t("profile.historyLoading")}</span>
        {[0, 1, 2].map((i) => (
          <div key={i} className="flex items-center gap-3 px-4 py-3">
            <Skeleton className="size-8 rounded-full" />
            <div className="flex flex-1 flex-col gap-1.5">
              <Skeleton className="h-4 w-1/2" />
              <Skeleton className="h-3 w-1/3" />
            </div>
          </div>
        ))}
      </div>
    );
  } else if (entries.length === 0) {
    body = <p className="px-4 py-4 text-subheadline text-text-secondary">{t("profile.historyEmpty")}</p>;
  } else {
    body = (
      <ol className="divide-y divide-border-default" data-testid="credit-history">
        {entries.map((entry) => (
          <LedgerRow key={entry.id} entry={entry} />
        ))}
      </ol>
    );
  }

  return (
    <Section title={t("profile.historyTitle")}>
      <div className={cardClass}>{body}</div>
      {hasMore ? (
        <button
          type="button"
          className={`${secondaryButtonClass} self-center`}
          onClick={() => void setSize(size + 1)}
          disabled={loadingMore}
          aria-busy={loadingMore}
        >
          {loadingMore ? t("common.loading") : t("profile.historyMore")}
        </button>
      ) : null}
    </Section>
  );
}

function LedgerRow({ entry }: { entry: LedgerEntry }) {
  const t = useTranslations("profile");
  const locale = useLocale();
  // Dates are formatted after mount, in this device's time zone (the server does not know it).
  // Until then the UTC date holds its place, hidden, so the line does not move when it arrives.
  const [date, setDate] = useState<string | null>(null);
  const placeholder = formatLedgerDate(entry.createdAt, locale, "UTC");
  useEffect(() => setDate(formatLedgerDate(entry.createdAt, locale)), [entry.createdAt, locale]);
  const out = ledgerTone(entry.reason, entry.change) === "out";
  const Icon = out ? ArrowUpRight : entry.reason === "purchase" ? ReceiptText : ArrowDownLeft;
  const change = formatChange(entry.change, locale);
  return (
    <li className="flex items-center gap-3 px-4 py-3" data-reason={entry.reason}>
      <span
        aria-hidden="true"
        className={`flex size-8 shrink-0 items-center justify-center rounded-full [&>svg]:size-4 ${
          out ? "bg-text-secondary/10 text-text-secondary" : "bg-success/15 text-success"
        }`}
      >
        <Icon strokeWidth={2.25} />
      </span>
      {/* The reason gets the row's width (no ellipsis in longer languages); the balance after
          the change sits under it, with the date. */}
      <div className="flex min-w-0 flex-1 flex-col">
        <span className="text-body text-pretty">{t(`reasons.${entry.reason}`)}</span>
        <span className="flex flex-wrap gap-x-1.5 text-caption text-text-secondary">
          <time dateTime={entry.createdAt} className={`min-h-[1.35em] ${date ? "" : "invisible"}`}>
            {date ?? placeholder}
          </time>
          <span aria-hidden="true" className={date ? undefined : "invisible"}>
            ·
          </span>
          <span className="tabular-nums">{t("historyAfter", { balance: entry.balanceAfter })}</span>
        </span>
      </div>
      <span
        className={`shrink-0 font-rounded text-headline font-semibold tabular-nums ${out ? "text-text-primary" : toneText.success}`}
      >
        <span className="sr-only">{t("historyChange", { change, amount: Math.abs(entry.change) })}</span>
        <span aria-hidden="true">{change}</span>
      </span>
    </li>
  );
}
