"use client";

import { CircleUserRound, Languages, SunMoon, Zap } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { ButtonLink } from "@/components/ui/button-link";
import { Skeleton } from "@/components/ui/skeleton";
import { useMe } from "@/lib/api/hooks";

/** The facts Profile can show today, from GET /api/me. */
export function ProfileSummary({ hasSession }: { hasSession: boolean }) {
  const t = useTranslations();
  const { data: me, error } = useMe();

  if (!me && (error?.code === "unauthorized" || !hasSession)) {
    return (
      <div className="flex flex-col items-start gap-4 rounded-banner bg-surface-card p-5 ring-1 ring-border-default ring-inset">
        <p className="text-body text-pretty">{t("nav.profile.signedOut")}</p>
        <ButtonLink href="/">{t("nav.profile.start")}</ButtonLink>
      </div>
    );
  }

  if (!me) {
    if (error) {
      return (
        <p role="alert" className="text-body text-text-secondary">
          {t(error.messageKey)}
        </p>
      );
    }
    return (
      <div role="status" className="flex flex-col gap-3">
        <span className="sr-only">{t("common.loading")}</span>
        <Skeleton className="h-14 w-full rounded-card" />
        <Skeleton className="h-14 w-full rounded-card" />
        <Skeleton className="h-14 w-full rounded-card" />
      </div>
    );
  }

  return (
    <dl className="divide-y divide-border-default overflow-hidden rounded-banner bg-surface-card ring-1 ring-border-default ring-inset">
      <Row icon={<Zap className="fill-current" />} term={t("credits.balance")}>
        <span className="font-rounded font-semibold tabular-nums">
          {t("credits.count", { count: me.credits })}
        </span>
      </Row>
      <Row icon={<CircleUserRound />} term={t("nav.profile.account")}>
        {me.isGuest || !me.email ? t("nav.profile.guest") : me.email}
      </Row>
      <Row icon={<Languages />} term={t("common.language")}>
        {t(`common.languages.${me.language}`)}
      </Row>
      <Row icon={<SunMoon />} term={t("theme.label")}>
        {t(`theme.${me.theme}`)}
      </Row>
    </dl>
  );
}

function Row({ icon, term, children }: { icon: ReactNode; term: string; children: ReactNode }) {
  return (
    <div className="flex min-h-14 items-center gap-3 px-4 py-3">
      <dt className="flex flex-1 items-center gap-3 text-body">
        <span
          aria-hidden="true"
          className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-primary/10 text-brand-primary [&>svg]:size-4"
        >
          {icon}
        </span>
        {term}
      </dt>
      <dd className="min-w-0 truncate text-body text-text-secondary">{children}</dd>
    </div>
  );
}
