import { Clock } from "lucide-react";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { cardIcons } from "@/components/history/card-icons";
import { monthLabels } from "@/components/history/history-format";
import { HistoryScreen } from "@/components/history/history-screen";
import { PageHeader } from "@/components/shell/page-header";
import type { JobPage } from "@/lib/contracts/api";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { reportError } from "@/lib/server/log/report";
import { pageSession } from "@/lib/server/page";
import { getCatalog } from "@/lib/server/services/catalog";
import { listJobs } from "@/lib/server/services/jobs";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("history");
  return { title: t("title"), robots: { index: false } };
}

/**
 * History: the user's jobs of the last 7 days. The server renders the first
 * page (the one GET /api/jobs answers first) and the theme slugs Regenerate needs to start from
 * the same theme; the browser keeps the list (lib/api/job-pages.ts over GET /api/jobs: search, more pages, live
 * progress, delete).
 */
export default async function HistoryPage() {
  const [t, themeSlugs, firstPage, locale] = await Promise.all([
    getTranslations("history"),
    themeSlugsById(),
    firstJobPage(),
    getLocale(),
  ]);
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
        {/* No Suspense boundary: React sends a finished boundary over 12,800 bytes (a page of
            cards) hidden, after the shell, for a script to reveal; without one the list is
            painted with the page. Hydration still yields (Next hydrates in a transition). */}
        <HistoryScreen
          themeSlugs={themeSlugs}
          firstPage={firstPage}
          months={monthLabels(firstPage?.jobs ?? [], locale)}
          renderedAt={Date.now()}
          icons={cardIcons()}
        />
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
    reportError(error, "history: catalog read failed");
    return {};
  }
}

/** The newest 20 jobs; none without a session. Null when the read fails: the browser then asks. */
async function firstJobPage(): Promise<JobPage | null> {
  try {
    const session = await pageSession();
    if (!session) return { jobs: [], nextCursor: null };
    // The page the browser asks for first (lib/api/job-pages.ts).
    return await listJobs(session, { limit: 20, cursor: null, query: null });
  } catch (error) {
    reportError(error, "history: first page read failed");
    return null;
  }
}
