import { Skeleton } from "@/components/ui/skeleton";

/** Loading: a month bar and three card outlines, announced once. */
export function HistorySkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-label={label} className="flex flex-col gap-3" data-testid="history-skeleton">
      <Skeleton className="h-5 w-36" />
      {[0, 1, 2].map((i) => (
        <div
          key={i}
          className="flex gap-3 rounded-card bg-surface-card p-3 ring-1 ring-border-default ring-inset sm:gap-4 sm:p-4"
        >
          <Skeleton className="aspect-video w-28 shrink-0 sm:w-40" />
          <div className="flex flex-1 flex-col gap-2 pt-1">
            <Skeleton className="h-4 w-11/12" />
            <Skeleton className="h-4 w-2/3" />
            <Skeleton className="h-3 w-1/3" />
          </div>
        </div>
      ))}
    </div>
  );
}
