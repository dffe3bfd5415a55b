import { getTranslations } from "next-intl/server";

/** Skeleton of the generate form while the model loads (same layout, no layout shift). */
export default async function Loading() {
  const t = await getTranslations("create.page");
  return (
    <main id="main" className="mx-auto w-full max-w-5xl px-4 pt-safe sm:px-6 md:pt-0" aria-busy="true">
      <p className="sr-only" role="status">
        {t("loading")}
      </p>
      <div aria-hidden="true" className="motion-safe:animate-pulse">
        <div className="flex items-center justify-between pt-2 md:pt-6">
          <div className="size-11" />
          <div className="h-9 w-[4.5rem] rounded-full bg-surface-card" />
        </div>
        <div className="mt-2 mb-6 flex gap-4">
          <div className="aspect-video w-24 shrink-0 rounded-card bg-text-secondary/15 min-[400px]:w-28 sm:w-44" />
          <div className="flex flex-1 flex-col gap-2 pt-1">
            <div className="h-4 w-24 rounded-full bg-text-secondary/15" />
            <div className="h-6 w-48 rounded-full bg-text-secondary/15" />
            <div className="h-3.5 w-full rounded-full bg-text-secondary/10" />
          </div>
        </div>
        <div className="flex flex-col gap-6 lg:grid lg:grid-cols-[minmax(0,1fr)_23rem] lg:gap-8">
          <div className="flex flex-col gap-2">
            <div className="h-5 w-40 rounded-full bg-text-secondary/15" />
            <div className="h-44 rounded-card bg-surface-card" />
          </div>
          <div className="flex flex-col gap-4">
            <div className="h-56 rounded-card bg-surface-card" />
            <div className="h-24 rounded-card bg-surface-card" />
            <div className="h-14 rounded-card bg-brand-primary/20" />
          </div>
        </div>
      </div>
    </main>
  );
}
