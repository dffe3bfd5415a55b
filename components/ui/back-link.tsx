"use client";

import { useRouter } from "next/navigation";
import type { MouseEvent, ReactNode } from "react";
import { IntentLink, opensElsewhere } from "./intent-link";

/**
 * Back with a parent-route fallback: steps back in history when there
 * is somewhere to go back to, otherwise (a cold deep link, an installed app's first screen) it
 * is an ordinary link to `fallbackHref`, prefetched on intent only (going back mostly needs no
 * fetch). Without JavaScript it is always the link.
 */
export function BackLink({
  fallbackHref,
  label,
  children,
}: {
  fallbackHref: string;
  label: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (opensElsewhere(event, event.currentTarget)) return;
    if (window.history.length > 1) {
      event.preventDefault();
      router.back();
    }
  };
  return (
    <IntentLink
      href={fallbackHref}
      onClick={onClick}
      aria-label={label}
      className="-ml-2 inline-flex size-11 shrink-0 items-center justify-center rounded-full text-text-primary transition-colors hover:bg-surface-card active:bg-surface-card"
    >
      {children}
    </IntentLink>
  );
}
