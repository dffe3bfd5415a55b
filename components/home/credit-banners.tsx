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
  lowBody,
}: {
  kind: "low" | "empty";
  credits: number;
  cheapest: number | undefined;
  /** The low-credit sentence as the server wrote it for `credits` and `cheapest`, if it did. */
  lowBody?: string;
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
      {kind === "empty"
        ? t("emptyBody")
        : (lowBody ?? t("lowBody", { count: credits, cost: cheapest ?? credits + 1 }))}
    </Banner>
  );
}
