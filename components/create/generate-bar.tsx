"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useStickyBottomHeight } from "@/components/shell/sticky-bottom";
import { toneText } from "@/components/ui/tones";
import type { ApiErrorCode } from "@/lib/api/errors";
import type { CreateIcons } from "./icons";
import { useCreditsText } from "./use-credits-text";
import type { CreateWords } from "./words";

export type BlockReason = "offline" | "uploading" | "prompt" | "image" | "credits";

export type SubmitError =
  | { code: "rate_limited"; until: number }
  | { code: Exclude<ApiErrorCode, "rate_limited">; retry?: boolean };

type Props = {
  cost: number;
  balance: number | undefined;
  previewRenderer: boolean;
  block: BlockReason | null;
  /** Not even the model's cheapest settings fit the balance. */
  noneAffordable: boolean;
  phase: "idle" | "submitting" | "leaving";
  error: SubmitError | null;
  onClearError: () => void;
  icons: CreateIcons;
  words: CreateWords;
};

/** Seconds left until `until`, ticking; 0 when passed. */
function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

/**
 * The sticky bottom bar (phones: above the tab bar and the home indicator; wide screens: the end
 * of the side column) with the one dominant Generate button, why it is unavailable, and what
 * the server said when it refused.
 */
export function GenerateBar({
  cost,
  balance,
  previewRenderer,
  block,
  noneAffordable,
  phase,
  error,
  onClearError,
  icons,
  words,
}: Props) {
  const t = useTranslations("create.generate");
  const tErrors = useTranslations("errors");
  const until = error?.code === "rate_limited" ? error.until : null;
  const wait = useCountdown(until);

  useEffect(() => {
    if (until !== null && wait === 0) onClearError();
  }, [until, wait, onClearError]);

  const busy = phase !== "idle";
  const waiting = until !== null && wait > 0;
  const unavailable = busy || waiting || block !== null;
  const retry = error !== null && error.code !== "rate_limited" && error.retry === true;
  // After a 402 the alert already offers the purchase link.
  const showReason = block !== null && !(block === "credits" && error?.code === "insufficient_credits");

  const tCost = useTranslations("create.cost");
  const credits = useCreditsText(words.credits);
  const short = balance !== undefined && balance < cost;
  const bar = useRef<HTMLDivElement>(null);
  useStickyBottomHeight(bar);

  return (
    <div
      ref={bar}
      data-testid="generate-bar"
      className="sticky bottom-[calc(var(--tabbar-height,4rem)+env(safe-area-inset-bottom,0px))] z-20 -mx-4 flex flex-col gap-2 border-border-default border-t bg-surface-base/90 px-4 pt-3 pb-3 shadow-sticky backdrop-blur-md sm:-mx-6 sm:px-6 md:bottom-0 md:pb-[max(0.75rem,env(safe-area-inset-bottom,0px))] lg:bottom-4 lg:mx-0 lg:rounded-banner lg:border-0 lg:bg-surface-base/85 lg:p-3 lg:shadow-banner lg:ring-1 lg:ring-border-default"
    >
      {/* Wide screens: the cost card's facts, in the card that holds the button. */}
      <div className="hidden items-end justify-between gap-3 px-1 pb-1 lg:flex">
        <div className="flex flex-col">
          <span className="text-caption font-semibold tracking-wide text-text-secondary uppercase">
            {tCost("title")}
          </span>
          <span className="text-title3 font-semibold tabular-nums">{credits(cost)}</span>
        </div>
        <div className="flex flex-col items-end">
          <span className="text-caption font-semibold tracking-wide text-text-secondary uppercase">
            {tCost("balance")}
          </span>
          <span
            className={`text-headline font-semibold tabular-nums ${short ? toneText.warning : "text-text-primary"}`}
          >
            {balance !== undefined ? credits(balance) : "—"}
          </span>
        </div>
      </div>

      {error ? (
        <div
          role="alert"
          className="flex items-start gap-2 rounded-input bg-error/10 px-3 py-2.5 text-subheadline ring-1 ring-error/30 ring-inset"
        >
          {icons.alertError}
          <p className="min-w-0 text-text-primary">
            {error.code === "rate_limited" ? t("rateLimited") : tErrors(error.code)}
            {retry ? ` ${t("retrySafe")}` : null}
            {error.code === "insufficient_credits" ? (
              <>
                {" "}
                <Link
                  href="/profile?buy=1"
                  className={`font-semibold whitespace-nowrap underline underline-offset-2 ${toneText.brandOnTint}`}
                >
                  {t("getCredits")}
                </Link>
              </>
            ) : null}
          </p>
        </div>
      ) : null}

      {showReason && block ? <Reason block={block} noneAffordable={noneAffordable} icons={icons} /> : null}

      <button
        type="submit"
        aria-disabled={unavailable || undefined}
        aria-describedby={showReason ? "generate-reason" : undefined}
        className={`flex min-h-14 w-full items-center justify-center gap-2.5 rounded-card px-5 text-headline font-semibold shadow-card transition-[opacity,transform,background-color] duration-200 active:scale-[0.99] ${
          unavailable && !busy
            ? "cursor-not-allowed bg-surface-card text-text-secondary shadow-none ring-1 ring-border-default ring-inset"
            : "bg-brand-primary text-on-brand hover:opacity-95"
        }`}
      >
        {busy || block === "uploading" ? (
          <>
            {icons.spinner}
            <span>{block === "uploading" && !busy ? t("uploading") : t("submitting")}</span>
          </>
        ) : waiting ? (
          <span className="tabular-nums">{t("waitSeconds", { seconds: wait })}</span>
        ) : (
          <>
            {retry ? icons.retry : icons.generate}
            <span>{retry ? t("retry") : t("button")}</span>
            <span
              aria-hidden="true"
              className="ml-1 inline-flex items-center gap-1 rounded-full bg-current/15 px-2 py-0.5 text-subheadline tabular-nums"
            >
              {icons.buttonBolt}
              {cost}
            </span>
            <span className="sr-only">, {credits(cost)}</span>
          </>
        )}
      </button>
      {previewRenderer ? (
        <p className="hidden px-1 text-caption text-text-secondary lg:block">{tCost("previewRenderer")}</p>
      ) : null}
    </div>
  );
}

function Reason({
  block,
  noneAffordable,
  icons,
}: {
  block: BlockReason;
  noneAffordable: boolean;
  icons: CreateIcons;
}) {
  const t = useTranslations("create.generate");
  const strong = block === "credits" || block === "offline";
  const text = {
    offline: t("reasonOffline"),
    uploading: t("reasonUploading"),
    prompt: t("reasonPrompt"),
    image: t("reasonImage"),
    credits: noneAffordable ? t("reasonNoneAffordable") : t("reasonCredits"),
  }[block];
  return (
    <p
      id="generate-reason"
      className={`flex items-center justify-center gap-1.5 text-center text-subheadline font-medium ${
        strong ? toneText.warning : "text-text-secondary"
      }`}
    >
      {block === "offline" ? icons.offline : null}
      {block === "credits" ? icons.alertInline : null}
      <span>
        {text}
        {block === "credits" ? (
          <>
            {" "}
            <Link
              href="/profile?buy=1"
              className={`font-semibold whitespace-nowrap underline underline-offset-2 ${toneText.brandOnTint}`}
            >
              {t("getCredits")}
            </Link>
          </>
        ) : null}
      </span>
    </p>
  );
}
