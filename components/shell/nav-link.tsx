"use client";

import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { IntentLink } from "@/components/ui/intent-link";
import { isActivePath } from "./active-path";

/**
 * A navigation link that marks itself `aria-current="page"` while its tab is open; the styles
 * key off that attribute, so the only client-side work is reading the pathname. Prefetched on
 * intent only: the shell is on every page, and prefetching every tab on arrival would load each
 * tab's payload while the page itself is still starting.
 */
export function NavLink({
  href,
  also,
  className,
  children,
}: {
  href: string;
  also?: string[];
  className?: string;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const active = isActivePath(pathname, href, also);
  return (
    <IntentLink href={href} aria-current={active ? "page" : undefined} className={className}>
      {children}
    </IntentLink>
  );
}
