import { getTranslations } from "next-intl/server";
import { BrandMark } from "@/components/ui/brand-mark";

// Placeholder Home: no data yet. The catalog grid replaces the preview cards.
export default async function HomePage() {
  const t = await getTranslations();

  return (
    <main className="min-h-dvh px-safe pt-safe pb-safe">
      <div className="mx-auto flex w-full max-w-3xl flex-col gap-8 px-4 pt-10 pb-12 sm:px-6 sm:pt-16">
        <header className="flex flex-col gap-4">
          <BrandMark className="size-12" />
          <div className="flex flex-col gap-2">
            <h1 className="text-large-title font-bold tracking-tight">{t("app.name")}</h1>
            <p className="text-title3 font-semibold text-balance">{t("app.tagline")}</p>
            <p className="text-body text-pretty text-text-secondary">{t("home.intro")}</p>
          </div>
        </header>

        <section
          aria-labelledby="catalog-soon"
          className="flex flex-col gap-5 rounded-banner border border-border-default bg-surface-card p-4 shadow-card sm:p-6"
        >
          <div className="flex items-start gap-3">
            <span className="mt-0.5 flex size-9 shrink-0 items-center justify-center rounded-full bg-brand-primary/10 text-brand-primary">
              <SparkleIcon />
            </span>
            <div className="flex flex-col gap-1">
              <h2 id="catalog-soon" className="text-headline font-semibold">
                {t("home.catalogSoonTitle")}
              </h2>
              <p className="text-subheadline text-text-secondary">{t("home.catalogSoonBody")}</p>
            </div>
          </div>

          <ul aria-label={t("home.catalogPreviewLabel")} className="grid grid-cols-2 gap-3 sm:grid-cols-3">
            {[0, 1, 2, 3, 4, 5].map((i) => (
              <li key={i} aria-hidden="true" className={i >= 4 ? "hidden sm:block" : undefined}>
                <PreviewCard />
              </li>
            ))}
          </ul>
        </section>
      </div>
    </main>
  );
}

function PreviewCard() {
  return (
    <div className="flex flex-col gap-2 motion-safe:animate-pulse">
      <div className="aspect-video rounded-input bg-linear-to-br from-brand-primary/25 to-accent/20" />
      <div className="h-3 w-3/4 rounded-full bg-text-secondary/20" />
      <div className="h-3 w-1/2 rounded-full bg-text-secondary/15" />
    </div>
  );
}

function SparkleIcon() {
  return (
    <svg viewBox="0 0 24 24" className="size-5" fill="none" aria-hidden="true" focusable="false">
      <path
        d="M12 3l1.9 5.1L19 10l-5.1 1.9L12 17l-1.9-5.1L5 10l5.1-1.9L12 3zM19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8L19 15z"
        fill="currentColor"
      />
    </svg>
  );
}
