"use client";

import { Gift } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Banner } from "@/components/ui/banner";
import { markWelcomeSeen } from "./welcome-seen";

export const welcomeBannerId = "welcome-banner";

/**
 * The one-time welcome banner after onboarding (reference-spec §1.2 item 3). It counts as seen
 * when closed or when the person leaves Home; a reload before that shows it again.
 */
export function WelcomeBanner({ credits }: { credits: number }) {
  const t = useTranslations();
  const mounted = useRef(false);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      // Deferred so a development double mount (Strict Mode) does not count as leaving.
      setTimeout(() => {
        if (!mounted.current) markWelcomeSeen();
      }, 0);
    };
  }, []);

  return (
    <div id={welcomeBannerId} tabIndex={-1} className="rounded-banner outline-offset-4">
      <Banner
        tone="brand"
        icon={<Gift strokeWidth={2.25} />}
        title={t("banner.welcomeTitle")}
        titleId="welcome-banner-title"
        onDismiss={markWelcomeSeen}
        dismissLabel={t("common.close")}
      >
        {t("banner.welcomeBody", { count: credits })}
      </Banner>
    </div>
  );
}
