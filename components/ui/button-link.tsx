import Link from "next/link";
import type { ComponentProps } from "react";

/**
 * A link that looks like the primary button (brand fill, radius 12, 44 px touch target). Hover
 * lifts it with a shadow instead of fading it, so the label keeps its 4.5:1 contrast.
 */
export function ButtonLink({ className = "", ...props }: ComponentProps<typeof Link>) {
  return (
    <Link
      className={`inline-flex min-h-11 items-center justify-center rounded-card bg-brand-primary px-6 py-3 text-headline font-semibold text-on-brand shadow-card transition-[box-shadow,transform] hover:shadow-banner active:scale-[0.98] ${className}`}
      {...props}
    />
  );
}
