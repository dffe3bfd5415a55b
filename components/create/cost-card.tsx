"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { toneText } from "@/components/ui/tones";
import type { CreateIcons } from "./icons";
import { useCreditsText } from "./use-credits-text";
import type { CreateWords } from "./words";

type Props = {
  cost: number;
  /** Undefined while loading, or when there is no session yet. */
  balance: number | undefined;
  /** The cheapest settings of this model: below it no setting is affordable. */
  minCredits: number;
  noSession: boolean;
  previewRenderer: boolean;
  icons: CreateIcons;
  words: CreateWords;
};

/**
 * The credit info bar: what this video costs, what you have, green when it fits, amber when not.
 * On wide screens the same facts sit in the Generate card instead (GenerateBar).
 */
export function CostCard({ cost, balance, minCredits, noSession, previewRenderer, icons, words }: Props) {
  const t = useTranslations("create.cost");
  const credits = useCreditsText(words.credits);
  const short = balance !== undefined && balance < cost;
  const enough = balance !== undefined && balance >= cost;
  const noneAffordable = balance !== undefined && balance < minCredits;

  return (
    <section
      aria-labelledby="cost-title"
      className={`flex flex-col gap-3 rounded-card p-4 ring-1 ring-inset transition-colors duration-200 lg:hidden ${
        short
          ? "bg-warning/10 ring-warning/40"
          : enough
            ? "bg-success/10 ring-success/30"
            : "bg-surface-card/60 ring-border-default"
      }`}
    >
      <div className="flex items-center gap-3">
        <span
          className={`flex size-10 shrink-0 items-center justify-center rounded-full ${
            short ? "bg-warning/20" : "bg-brand-primary/10"
          } ${short ? toneText.warning : toneText.brand}`}
        >
          {icons.costBolt}
        </span>
        <div className="flex min-w-0 flex-col">
          <h2
            id="cost-title"
            className="text-caption font-semibold tracking-wide text-text-secondary uppercase"
          >
            {t("title")}
          </h2>
          <p className="text-title3 font-semibold tabular-nums" data-testid="cost">
            {credits(cost)}
          </p>
        </div>
        <div className="ml-auto flex flex-col items-end text-right">
          <span className="text-caption font-semibold tracking-wide text-text-secondary uppercase">
            {t("balance")}
          </span>
          {balance !== undefined ? (
            <span className="text-headline font-semibold tabular-nums" data-testid="balance">
              {credits(balance)}
            </span>
          ) : noSession ? (
            <span className="text-headline font-semibold text-text-secondary">—</span>
          ) : (
            <span className="mt-1 h-5 w-16 rounded-full bg-text-secondary/15 motion-safe:animate-pulse" />
          )}
        </div>
      </div>

      <p
        className={`flex items-start gap-1.5 text-subheadline font-medium ${
          short ? toneText.warning : enough ? toneText.success : "text-text-secondary"
        }`}
      >
        {short ? icons.alert : enough ? icons.check : icons.sparkles}
        <span data-testid="cost-note">
          {noneAffordable ? (
            <>
              {t("noneAffordable", { cost: credits(minCredits), balance: credits(balance ?? 0) })}{" "}
              <Link
                href="/profile?buy=1"
                className={`font-semibold whitespace-nowrap underline underline-offset-2 ${toneText.brandOnTint}`}
              >
                {t("buyCredits")}
              </Link>
            </>
          ) : short ? (
            t("short", { credits: credits(cost - (balance ?? 0)) })
          ) : enough ? (
            t("enough")
          ) : noSession ? (
            t("firstTime")
          ) : (
            t("checking")
          )}
        </span>
      </p>

      {previewRenderer ? <p className="text-caption text-text-secondary">{t("previewRenderer")}</p> : null}
    </section>
  );
}
