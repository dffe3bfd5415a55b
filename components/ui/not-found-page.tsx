import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

/** A page's "not here" answer: an icon in a soft circle, a heading, a line and where to go instead. */
export function NotFoundPage({
  icon: Icon,
  title,
  body,
  children,
}: {
  icon: LucideIcon;
  title: string;
  body: string;
  children: ReactNode;
}) {
  return (
    <main id="main" className="flex flex-1 items-center justify-center px-4 pt-safe md:pt-0">
      <div className="flex max-w-md flex-col items-center gap-4 py-12 text-center">
        <span className="flex size-14 items-center justify-center rounded-full bg-surface-card text-text-secondary">
          <Icon aria-hidden="true" className="size-7" />
        </span>
        <h1 className="text-title2 font-semibold">{title}</h1>
        <p className="text-body text-pretty text-text-secondary">{body}</p>
        {children}
      </div>
    </main>
  );
}
