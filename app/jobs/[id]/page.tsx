import { House } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ResultView } from "@/components/result/result-view";
import { BackButton } from "@/components/ui/back-button";
import type { Job } from "@/lib/contracts/job";
import { isAppError } from "@/lib/errors";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { pageSession } from "@/lib/server/page";
import { getCatalog } from "@/lib/server/services/catalog";
import { getJob } from "@/lib/server/services/jobs";

type Props = { params: Promise<{ id: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("result.page");
  return { title: t("title"), robots: { index: false } };
}

/**
 * Result. The server checks ownership on every load, so a cold deep link
 * works for the owner and is a 404 for anyone else (never revealing that the job exists).
 */
export default async function JobPage({ params }: Props) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const session = await pageSession();
  if (!session) notFound();

  let job: Job;
  try {
    job = await getJob(session, id);
  } catch (error) {
    if (isAppError(error, "job_not_found", "validation_failed")) notFound();
    throw error;
  }

  const [t, themeSlug] = await Promise.all([
    getTranslations(),
    job.themeId
      ? getCatalog(await getLocale()).then(
          (catalog) => catalog.themes.find((theme) => theme.id === job.themeId)?.slug ?? null,
        )
      : Promise.resolve(null),
  ]);

  return (
    <ClientMessages namespaces={["common", "create", "credits", "errors", "notify", "result", "share"]}>
      <main id="main" className="mx-auto w-full max-w-5xl px-4 pt-safe pb-8 sm:px-6 md:pt-0 lg:pb-12">
        <div className="flex items-center justify-between pt-2 pb-2 md:pt-6">
          <BackButton fallbackHref="/" label={t("common.back")} />
          <Link
            href="/"
            aria-label={t("result.actions.home")}
            className="-mr-2 inline-flex size-11 items-center justify-center rounded-full text-text-primary transition-colors hover:bg-surface-card"
          >
            <House aria-hidden="true" className="size-5" />
          </Link>
        </div>
        <ResultView initialJob={job} themeSlug={themeSlug} />
      </main>
    </ClientMessages>
  );
}
