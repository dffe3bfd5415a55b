import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Skeleton } from "../ui/skeleton";

/** Catalog placeholders (SkeletonCard): the carousel, a theme row and a grid of cards. */
export function CatalogSkeleton() {
  const t = useTranslations("home");
  return (
    <div role="status" className="flex flex-col gap-8">
      <span className="sr-only">{t("loading")}</span>
      <div className="flex flex-col gap-3">
        <Skeleton className="h-6 w-32" />
        <Skeleton className="aspect-[16/13] w-full rounded-banner sm:aspect-[16/7] md:aspect-[16/6]" />
      </div>
      <div className="flex flex-col gap-3">
        <Skeleton className="h-6 w-48" />
        <div className="grid grid-cols-2 gap-x-3 gap-y-5 sm:grid-cols-3 lg:grid-cols-4">
          {[0, 1, 2, 3, 4, 5, 6, 7].map((i) => (
            <div key={i} className={`flex flex-col gap-2 ${i >= 4 ? "hidden lg:flex" : ""}`}>
              <Skeleton className="aspect-video w-full" />
              <Skeleton className="h-4 w-4/5" />
              <Skeleton className="h-3 w-1/2" />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

/** Home's header row: "Rendio AI" (and the tagline on wide screens) with the credit badge. */
export function HomeHeaderFrame({
  title,
  tagline,
  children,
}: {
  title: string;
  tagline: string;
  children: ReactNode;
}) {
  return (
    <header className="flex min-h-14 items-center justify-between gap-4 pt-3 md:pt-10">
      <div className="flex min-w-0 flex-col gap-1">
        <h1 className="truncate text-title2 font-bold tracking-tight md:text-large-title">{title}</h1>
        <p className="hidden text-body text-text-secondary md:block">{tagline}</p>
      </div>
      <div className="shrink-0">{children}</div>
    </header>
  );
}
