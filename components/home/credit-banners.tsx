"use client";

import { Zap } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Banner, bannerActionClass } from "@/components/ui/banner";
import { buyCreditsHref } from "@/components/ui/credit-badge-link";

/**
 * LowCreditBanner: below the cheapest video it says how many
 * credits are left; at 0 it says the balance is empty. Both link to buying credits.
 */
export function CreditBanner({
  kind,
  credits,
  cheapest,
}: {
  kind: "low" | "empty";
  credits: number;
  cheapest: number | undefined;
}) {
  const t = useTranslations("banner");
  return (
    <Banner
      tone="warning"
      icon={<Zap className="fill-current" strokeWidth={2} />}
      title={kind === "empty" ? t("emptyTitle") : t("lowTitle")}
      titleId="credit-banner-title"
      action={
        <Link href={buyCreditsHref} className={bannerActionClass("warning")}>
          {t("getCredits")}
        </Link>
      }
    >
      {kind === "empty" ? t("emptyBody") : t("lowBody", { count: credits, cost: cheapest ?? credits + 1 })}
    </Banner>
  );
}
