"use client";

import { CircleCheck, Clock, Zap } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { useBuyDialog } from "@/components/credits/buy-dialog-state";
import { secondaryButtonClass } from "@/components/ui/button-classes";
import { IntentLink } from "@/components/ui/intent-link";
import { useOpenedOnce } from "@/components/ui/opened-once";
import { useLedger } from "@/lib/api/ledger";
import { useMe } from "@/lib/api/me";
import type { LedgerPage } from "@/lib/contracts/account";
import type { CreditProduct } from "@/lib/contracts/catalog";
import type { BalanceWords } from "@/lib/i18n/balance-words";
import { CreditHistory } from "./credit-history";
import { cardClass } from "./section";

// Loaded when the dialog is first opened, not with the page.
const PurchaseDialog = lazy(() =>
  import("@/components/credits/purchase-dialog").then((m) => ({ default: m.PurchaseDialog })),
);
// Only after a purchase, or back from Checkout (then rendered by the server as well).
const PurchaseReturn = lazy(() =>
  import("@/components/credits/purchase-return").then((m) => ({ default: m.PurchaseReturn })),
);
const Banner = lazy(() => import("@/components/ui/banner").then((m) => ({ default: m.Banner })));

/**
 * Profile's credits: the balance with Buy credits (the purchase dialog
 * and the return from Stripe Checkout) and the credit history. The user is the one the server
 * read (MeFallback), kept fresh by SWR.
 */
export function ProfileCredits({
  payments,
  firstLedgerPage,
  balance,
}: {
  /** Stripe Checkout is configured (otherwise purchases are test purchases). */
  payments: boolean;
  /** The newest credit history as the server read it (null when it could not: the browser asks). */
  firstLedgerPage: LedgerPage | null;
  /** The server's words for the balance it read (balance-words.ts). */
  balance: BalanceWords | null;
}) {
  const t = useTranslations();
  const locale = useLocale();
  const me = useMe();
  const user = me.data;
  const ledger = useLedger(Boolean(user), firstLedgerPage ?? undefined);
  const buy = useBuyDialog();
  const buyShown = useOpenedOnce(buy.open);
  const params = useSearchParams();
  const purchaseParam = params.get("purchase");
  const [returning, setReturning] = useState<"success" | "cancelled" | null>(
    purchaseParam === "success" || purchaseParam === "cancelled" ? purchaseParam : null,
  );
  const [purchased, setPurchased] = useState<{ added: number; balance: number } | null>(null);

  const refreshCredits = useCallback(() => {
    void me.mutate();
    void ledger.mutate();
  }, [me.mutate, ledger.mutate]);

  // Opened from a link (/profile?buy=1) there is no opener for the dialog to give focus back to:
  // it goes to the Buy credits button, where a keyboard user would reopen it.
  // (An effect of this parent runs after the dialog's own, which closes it and moves focus.)
  const buyButton = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(buy.open);
  useEffect(() => {
    if (wasOpen.current && !buy.open) buyButton.current?.focus();
    wasOpen.current = buy.open;
  }, [buy.open]);
  const closeBuy = () => buy.setOpen(false);

  const onPurchased = (pack: CreditProduct, balance: number) => {
    closeBuy();
    setPurchased({ added: pack.credits, balance });
    if (user) void me.mutate({ ...user, credits: balance }, { revalidate: true });
    void ledger.mutate();
  };

  if (!user) return null;
  const shown =
    balance?.credits === user.credits
      ? balance
      : { amount: user.credits.toLocaleString(locale), count: t("credits.count", { count: user.credits }) };

  return (
    <>
      {returning ? (
        <Suspense>
          <PurchaseReturn
            outcome={returning}
            onArrived={refreshCredits}
            onDismiss={() => {
              setReturning(null);
              window.history.replaceState(null, "", "/profile");
            }}
          />
        </Suspense>
      ) : null}
      {purchased ? (
        <Suspense>
          <Banner
            tone="brand"
            role="status"
            icon={<CircleCheck strokeWidth={2.25} />}
            title={t("credits.purchased", { count: purchased.added })}
            onDismiss={() => setPurchased(null)}
            dismissLabel={t("common.close")}
          >
            {t("credits.purchasedDetail", { balance: purchased.balance })}
          </Banner>
        </Suspense>
      ) : null}

      <section aria-labelledby="profile-credits" className={`${cardClass} flex flex-col gap-4 p-4`}>
        <div className="flex items-center gap-3">
          <span
            aria-hidden="true"
            className="flex size-10 shrink-0 items-center justify-center rounded-full bg-brand-primary/10 text-brand-primary"
          >
            <Zap className="size-5 fill-current" />
          </span>
          <div className="flex flex-col">
            <h2 id="profile-credits" className="text-subheadline text-text-secondary">
              {t("profile.creditsTitle")}
            </h2>
            <p className="font-rounded text-title2 font-bold tabular-nums" data-testid="profile-balance">
              <span className="sr-only">{shown.count}</span>
              <span aria-hidden="true">{shown.amount}</span>
            </p>
          </div>
        </div>
        {/* Side by side when both labels fit on one line each, else stacked: never wrapped. */}
        <div className="flex flex-wrap gap-2 *:flex-1 *:basis-36 *:whitespace-nowrap">
          <button
            ref={buyButton}
            type="button"
            onClick={() => buy.setOpen(true)}
            className="inline-flex min-h-11 items-center justify-center gap-2 rounded-card bg-brand-primary px-4 text-headline font-semibold text-on-brand shadow-card transition-[opacity,transform] hover:opacity-95 active:scale-[0.98]"
          >
            {t("profile.buyCredits")}
          </button>
          <IntentLink href="/history" className={secondaryButtonClass}>
            <Clock aria-hidden="true" className="size-4 shrink-0" />
            {t("profile.viewVideos")}
          </IntentLink>
        </div>
      </section>

      <CreditHistory ledger={ledger} />

      {buyShown ? (
        <Suspense>
          <PurchaseDialog
            open={buy.open}
            onClose={closeBuy}
            me={user}
            payments={payments}
            onPurchased={onPurchased}
          />
        </Suspense>
      ) : null}
    </>
  );
}
