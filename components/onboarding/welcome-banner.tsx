"use client";

import { Gift } from "lucide-react";
import { useTranslations } from "next-intl";
import { Banner } from "@/components/ui/banner";

export const welcomeBannerId = "welcome-banner";

/**
 * The one-time welcome banner after onboarding. Home decides when
 * (the server, for a new guest's first Home); it is not shown again after that page.
 */
export function WelcomeBanner({
  credits,
  body,
  onDismiss,
}: {
  credits: number;
  /** The sentence as the server wrote it for `credits`, if it did. */
  body?: string;
  onDismiss: () => void;
}) {
  const t = useTranslations();
  return (
    <div id={welcomeBannerId} tabIndex={-1} className="rounded-banner outline-offset-4">
      <Banner
        tone="brand"
        icon={<Gift strokeWidth={2.25} />}
        title={t("banner.welcomeTitle")}
        titleId="welcome-banner-title"
        onDismiss={onDismiss}
        dismissLabel={t("common.close")}
      >
        {body ?? t("banner.welcomeBody", { count: credits })}
      </Banner>
    </div>
  );
}
