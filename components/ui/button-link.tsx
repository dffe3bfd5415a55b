import Link from "next/link";
import type { ComponentProps } from "react";

/** A link that looks like the primary button (brand fill, radius 12, 44 px touch target). */
export function ButtonLink({ className = "", ...props }: ComponentProps<typeof Link>) {
  return (
    <Link
      className={`inline-flex min-h-11 items-center justify-center rounded-card bg-brand-primary px-6 py-3 text-headline font-semibold text-on-brand shadow-card transition-opacity hover:opacity-90 active:opacity-80 ${className}`}
      {...props}
    />
  );
}
