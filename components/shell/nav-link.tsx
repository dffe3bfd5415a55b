"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { isActivePath } from "./active-path";

/**
 * A navigation link that marks itself `aria-current="page"` while its tab is open; the styles
 * key off that attribute, so the only client-side work is reading the pathname.
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
    <Link href={href} aria-current={active ? "page" : undefined} className={className}>
      {children}
    </Link>
  );
}
