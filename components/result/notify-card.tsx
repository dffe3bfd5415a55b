"use client";

import { Bell, BellOff, BellRing } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import {
  enableNotifications,
  notificationState,
  rememberDismissed,
  wasDismissed,
} from "@/components/pwa/notifications";

type Phase = "hidden" | "offer" | "asking" | "enabled" | "blocked";

/**
 * "Get notified when it's ready" (issue #5): offered on the result page of a job in flight,
 * only where notifications exist and have not been answered or waved away before. The browser's
 * permission prompt opens only from the button, never on load.
 */
export function NotifyCard({ inFlight }: { inFlight: boolean }) {
  const t = useTranslations("notify.card");
  const [phase, setPhase] = useState<Phase>("hidden");
  const outcome = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (!inFlight) return;
    setPhase((now) =>
      now === "hidden" && notificationState() === "default" && !wasDismissed() ? "offer" : now,
    );
  }, [inFlight]);

  useEffect(() => {
    if (phase === "enabled" || phase === "blocked") outcome.current?.focus();
  }, [phase]);

  if (phase === "enabled" || phase === "blocked") {
    return (
      <p
        ref={outcome}
        tabIndex={-1}
        role="status"
        data-testid="notify-outcome"
        className="flex items-center gap-2 text-subheadline text-text-secondary outline-none"
      >
        {phase === "enabled" ? (
          <BellRing aria-hidden="true" className="size-4 shrink-0 text-brand-primary" />
        ) : (
          <BellOff aria-hidden="true" className="size-4 shrink-0" />
        )}
        {phase === "enabled" ? t("enabled") : t("blocked")}
      </p>
    );
  }
  if ((phase !== "offer" && phase !== "asking") || !inFlight) return null;

  const enable = async () => {
    setPhase("asking");
    const permission = await enableNotifications().catch(() => "default" as const);
    setPhase(permission === "granted" ? "enabled" : permission === "denied" ? "blocked" : "hidden");
  };
  const dismiss = () => {
    rememberDismissed();
    setPhase("hidden");
  };

  return (
    <section
      aria-labelledby="notify-card-title"
      data-testid="notify-card"
      className="flex flex-col gap-3 rounded-card bg-surface-card p-4 ring-1 ring-border-default ring-inset motion-safe:animate-fade-in sm:flex-row sm:items-center"
    >
      <div className="flex flex-1 gap-3">
        <span
          aria-hidden="true"
          className="flex size-10 shrink-0 items-center justify-center rounded-full bg-brand-primary/10 text-brand-primary"
        >
          <Bell className="size-5" />
        </span>
        <div className="flex flex-col gap-0.5">
          <h2 id="notify-card-title" className="text-headline font-semibold">
            {t("title")}
          </h2>
          <p className="text-subheadline text-pretty text-text-secondary">{t("body")}</p>
        </div>
      </div>
      <div className="flex gap-2 sm:shrink-0">
        <button
          type="button"
          onClick={dismiss}
          className="inline-flex min-h-11 flex-1 items-center justify-center rounded-card px-4 font-semibold ring-1 ring-border-default ring-inset transition-colors hover:bg-surface-base sm:flex-none"
        >
          {t("dismiss")}
        </button>
        <button
          type="button"
          onClick={enable}
          disabled={phase === "asking"}
          className="inline-flex min-h-11 flex-1 items-center justify-center rounded-card bg-brand-primary px-4 font-semibold text-on-brand shadow-card transition-opacity hover:opacity-95 disabled:opacity-60 sm:flex-none"
        >
          {t("enable")}
        </button>
      </div>
    </section>
  );
}
