import { type ReactNode, useId } from "react";

/** A titled group of the profile (iOS-style grouped list): a small heading over a rounded card. */
export function Section({
  title,
  children,
  aside,
}: {
  title: string;
  children: ReactNode;
  aside?: ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="flex flex-col gap-2">
      <div className="flex items-baseline justify-between gap-2 px-1">
        <h2 id={id} className="text-subheadline font-semibold text-text-secondary">
          {title}
        </h2>
        {aside}
      </div>
      {children}
    </section>
  );
}

export const cardClass =
  "overflow-hidden rounded-banner bg-surface-card ring-1 ring-border-default ring-inset";

/** A full-width row inside a card: icon well, label, optional trailing part; 56 px tall. */
export const rowClass =
  "flex min-h-14 w-full items-center gap-3 px-4 py-3 text-left text-body transition-colors hover:bg-text-secondary/10";

export function IconWell({ children, tone = "brand" }: { children: ReactNode; tone?: "brand" | "error" }) {
  return (
    <span
      aria-hidden="true"
      className={`flex size-8 shrink-0 items-center justify-center rounded-full [&>svg]:size-4 ${
        tone === "error" ? "bg-error/10 text-error" : "bg-brand-primary/10 text-brand-primary"
      }`}
    >
      {children}
    </span>
  );
}
