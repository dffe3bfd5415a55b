import type { ReactNode } from "react";

/** EmptyStateView: an icon in a soft circle, a title, a line and an action. */
export function EmptyState({
  icon,
  title,
  children,
  action,
  role,
}: {
  icon: ReactNode;
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  role?: "status" | "alert";
}) {
  return (
    <div role={role} className="flex animate-fade-in flex-col items-center gap-3 px-6 py-12 text-center">
      <span
        aria-hidden="true"
        className="mb-1 flex size-14 items-center justify-center rounded-full bg-surface-card text-text-secondary ring-1 ring-border-default ring-inset [&>svg]:size-7"
      >
        {icon}
      </span>
      <p className="text-headline font-semibold text-balance">{title}</p>
      {children ? (
        <div className="max-w-sm text-subheadline text-pretty text-text-secondary">{children}</div>
      ) : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}

/** A secondary button look (card surface, radius 12, 44 px tall). */
export const secondaryButtonClass =
  "inline-flex min-h-11 items-center justify-center gap-2 rounded-card bg-surface-card px-5 text-headline font-semibold text-text-primary ring-1 ring-border-default ring-inset transition-[background-color,transform] hover:bg-text-secondary/10 active:scale-[0.98] disabled:opacity-60";
