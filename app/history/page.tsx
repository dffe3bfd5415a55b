import { Clock } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/shell/page-header";
import { ButtonLink } from "@/components/ui/button-link";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("tab");
  return { title: t("history") };
}

/** History's place in the tab bar; the list of jobs arrives with its own issue. */
export default async function HistoryPage() {
  const t = await getTranslations();
  return (
    <main
      id="main"
      className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 pt-safe pb-10 sm:px-6 md:pt-0"
    >
      <PageHeader title={t("tab.history")} />
      <div className="flex flex-col items-start gap-4 rounded-banner bg-surface-card p-5 ring-1 ring-border-default ring-inset">
        <div className="flex items-center gap-3">
          <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-brand-primary/10 text-brand-primary">
            <Clock aria-hidden="true" className="size-5" strokeWidth={2.25} />
          </span>
          <p className="text-body text-pretty">{t("nav.history.lead")}</p>
        </div>
        <ButtonLink href="/">{t("nav.history.cta")}</ButtonLink>
      </div>
    </main>
  );
}
