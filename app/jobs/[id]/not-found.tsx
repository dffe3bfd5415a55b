import { Film } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button-link";
import { NotFoundPage } from "@/components/ui/not-found-page";

/** Another person's, an expired or an unknown job: the same answer for all three. */
export default async function JobNotFound() {
  const t = await getTranslations();
  return (
    <NotFoundPage icon={Film} title={t("result.notFound.title")} body={t("errors.job_not_found")}>
      <div className="mt-2 flex flex-wrap items-center justify-center gap-3">
        <ButtonLink href="/history">{t("result.notFound.history")}</ButtonLink>
        <Link
          href="/"
          className="inline-flex min-h-11 items-center justify-center rounded-card px-5 text-headline font-semibold ring-1 ring-border-default ring-inset transition-colors hover:bg-surface-card"
        >
          {t("result.notFound.home")}
        </Link>
      </div>
    </NotFoundPage>
  );
}
