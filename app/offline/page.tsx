import { WifiOff } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RetryButton } from "@/components/pwa/retry-button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pwa");
  return { title: t("offlinePageTitle"), robots: { index: false } };
}

/**
 * What the service worker shows for a page it cannot fetch and has not kept (precached at
 * install, in the language of that moment). No data of its own, so it renders from the cache.
 */
export default async function OfflinePage() {
  const t = await getTranslations("pwa");
  return (
    <main id="main" className="flex flex-1 items-center justify-center pt-safe md:pt-0">
      <div
        className="flex max-w-md flex-col items-center gap-4 px-4 py-16 text-center"
        data-testid="offline-page"
      >
        <span className="flex size-16 items-center justify-center rounded-full bg-brand-primary/10 text-brand-primary">
          <WifiOff aria-hidden="true" className="size-8" />
        </span>
        <h1 className="text-title2 font-semibold">{t("offlinePageTitle")}</h1>
        <p className="text-body text-pretty text-text-secondary">{t("offlinePageBody")}</p>
        <RetryButton label={t("retry")} />
      </div>
    </main>
  );
}
