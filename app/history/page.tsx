import { Clock } from "lucide-react";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { HistoryScreen } from "@/components/history/history-screen";
import { PageHeader } from "@/components/shell/page-header";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { getCatalog } from "@/lib/server/services/catalog";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("history");
  return { title: t("title"), robots: { index: false } };
}

/**
 * History (reference-spec §1.5): the user's jobs of the last 7 days. The list is the browser's
 * (SWR over GET /api/jobs, the same for guests and registered users); the server adds the theme
 * slugs Regenerate needs to start from the same theme.
 */
export default async function HistoryPage() {
  const [t, themeSlugs] = await Promise.all([getTranslations("history"), themeSlugsById()]);
  return (
    <ClientMessages namespaces={["common", "errors", "history", "result", "share"]}>
      <main
        id="main"
        className="mx-auto flex w-full max-w-3xl flex-col gap-4 px-4 pt-safe pb-10 sm:px-6 md:pt-0"
      >
        <PageHeader title={t("title")} />
        <p
          className="-mt-2 flex items-center gap-2 text-subheadline text-text-secondary"
          data-testid="kept-note"
        >
          <Clock aria-hidden="true" className="size-4 shrink-0" strokeWidth={2.25} />
          {t("kept")}
        </p>
        <HistoryScreen themeSlugs={themeSlugs} />
      </main>
    </ClientMessages>
  );
}

async function themeSlugsById(): Promise<Record<string, string>> {
  try {
    const catalog = await getCatalog(await getLocale());
    return Object.fromEntries(catalog.themes.map((theme) => [theme.id, theme.slug]));
  } catch (error) {
    // Regenerate then starts without the theme; the list itself does not need the catalog.
    console.error("history: catalog read failed", error);
    return {};
  }
}
