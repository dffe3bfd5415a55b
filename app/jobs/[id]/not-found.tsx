import { Film } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button-link";

/** Another person's, an expired or an unknown job: the same answer for all three. */
export default async function JobNotFound() {
  const t = await getTranslations();
  return (
    <main id="main" className="flex flex-1 items-center justify-center px-4 pt-safe md:pt-0">
      <div className="flex max-w-md flex-col items-center gap-4 py-12 text-center">
        <span className="flex size-14 items-center justify-center rounded-full bg-surface-card text-text-secondary">
          <Film aria-hidden="true" className="size-7" />
        </span>
        <h1 className="text-title2 font-semibold">{t("result.notFound.title")}</h1>
        <p className="text-body text-pretty text-text-secondary">{t("errors.job_not_found")}</p>
        <div className="mt-2 flex flex-wrap items-center justify-center gap-3">
          <ButtonLink href="/history">{t("result.notFound.history")}</ButtonLink>
          <Link
            href="/"
            className="inline-flex min-h-11 items-center justify-center rounded-card px-5 text-headline font-semibold ring-1 ring-border-default ring-inset transition-colors hover:bg-surface-card"
          >
            {t("result.notFound.home")}
          </Link>
        </div>
      </div>
    </main>
  );
}
