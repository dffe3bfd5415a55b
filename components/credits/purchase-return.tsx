"use client";

import { CircleCheck, Clock, Loader2, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Banner } from "@/components/ui/banner";
import { api } from "@/lib/api/endpoints";
import { PURCHASE_WAIT_MS, purchasePollDelayMs } from "@/lib/format/credits";
import { forgetCheckout, recallCheckout } from "./buy-dialog-state";

type State = { phase: "waiting" } | { phase: "arrived"; added: number; balance: number } | { phase: "slow" };

/**
 * Back from Stripe Checkout (`?purchase=success`): credits come only from the verified webhook,
 * so the page polls the balance with backoff (1, 2, 4, 8 s) until it rises, then says so; after
 * a minute it says the payment is still processing. `?purchase=cancelled` says nothing was charged.
 */
export function PurchaseReturn({
  outcome,
  onArrived,
  onDismiss,
}: {
  outcome: "success" | "cancelled";
  onArrived: () => void;
  onDismiss: () => void;
}) {
  const t = useTranslations();
  const [state, setState] = useState<State>({ phase: "waiting" });

  useEffect(() => {
    if (outcome !== "success") return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const started = Date.now();
    const before = recallCheckout()?.balance;
    let baseline = before;
    const poll = async (attempt: number) => {
      try {
        const me = await api.me();
        baseline ??= me.credits;
        if (cancelled) return;
        if (me.credits > baseline) {
          forgetCheckout();
          setState({ phase: "arrived", added: me.credits - baseline, balance: me.credits });
          onArrived();
          return;
        }
      } catch {
        // A failed read is just another wait.
      }
      if (cancelled) return;
      if (Date.now() - started >= PURCHASE_WAIT_MS) {
        setState({ phase: "slow" });
        return;
      }
      timer = setTimeout(() => void poll(attempt + 1), purchasePollDelayMs(attempt));
    };
    void poll(0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [outcome, onArrived]);

  const close = { onDismiss, dismissLabel: t("common.close") };
  if (outcome === "cancelled") {
    return (
      <Banner
        tone="warning"
        role="status"
        icon={<X strokeWidth={2.25} />}
        title={t("credits.cancelled")}
        {...close}
      />
    );
  }
  if (state.phase === "arrived") {
    return (
      <Banner
        tone="brand"
        role="status"
        icon={<CircleCheck strokeWidth={2.25} />}
        title={t("credits.arrivedTitle")}
        {...close}
      >
        {t("credits.purchased", { count: state.added })}{" "}
        {t("credits.purchasedDetail", { balance: state.balance })}
      </Banner>
    );
  }
  if (state.phase === "slow") {
    return (
      <Banner
        tone="warning"
        role="status"
        icon={<Clock strokeWidth={2.25} />}
        title={t("credits.slowTitle")}
        {...close}
      >
        {t("credits.slowBody")}
      </Banner>
    );
  }
  return (
    <Banner
      tone="warning"
      role="status"
      icon={<Loader2 className="motion-safe:animate-spin" strokeWidth={2.25} />}
      title={t("credits.waitingTitle")}
    >
      {t("credits.waitingBody")}
    </Banner>
  );
}
