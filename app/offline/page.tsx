import { WifiOff } from "lucide-react";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { type Locale, locales } from "@/lib/i18n/locale";
import { OfflineContent, type OfflineTexts } from "./offline-content";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pwa");
  return { title: t("offlinePageTitle"), robots: { index: false } };
}

async function textsIn(locale: Locale): Promise<OfflineTexts> {
  const t = await getTranslations({ locale, namespace: "pwa" });
  return { title: t("offlinePageTitle"), body: t("offlinePageBody"), retry: t("retry") };
}

/**
 * What the service worker shows for a page it cannot fetch and has not kept (precached at
 * install). No data of its own, so it renders from the cache; it carries its words in every
 * language and shows the one in use when it is opened, not the one of the day it was kept.
 */
export default async function OfflinePage() {
  const rendered = (await getLocale()) as Locale;
  const texts = Object.fromEntries(
    await Promise.all(locales.map(async (locale) => [locale, await textsIn(locale)] as const)),
  ) as Record<Locale, OfflineTexts>;
  return (
    <main id="main" className="flex flex-1 items-center justify-center pt-safe md:pt-0">
      <div
        className="flex max-w-md flex-col items-center gap-4 px-4 py-16 text-center"
        data-testid="offline-page"
      >
        <span className="flex size-16 items-center justify-center rounded-full bg-brand-primary/10 text-brand-primary">
          <WifiOff aria-hidden="true" className="size-8" />
        </span>
        <OfflineContent texts={texts} rendered={rendered} />
      </div>
    </main>
  );
}
