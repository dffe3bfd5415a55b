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

// Kept apart (button-classes.ts) so screens that only need the class do not load this component.
export { secondaryButtonClass } from "./button-classes";
