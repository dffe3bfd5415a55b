import type { ReactNode } from "react";

/** A top-level tab screen's title row (large title on phones, as on iOS). */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="flex min-h-14 items-center justify-between gap-4 pt-3 md:pt-10">
      <h1 className="truncate text-large-title font-bold tracking-tight">{title}</h1>
      {children}
    </header>
  );
}
