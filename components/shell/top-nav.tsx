import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BrandMark } from "@/components/ui/brand-mark";
import { MaskIcon } from "@/components/ui/mask-icon";
import { navItems } from "./nav-items";
import { NavLink } from "./nav-link";

/** Navigation for wide screens (768 px and up): the brand on the left, the three tabs on the right. */
export async function TopNav() {
  const t = await getTranslations();
  return (
    <header className="sticky top-0 z-30 hidden border-border-default border-b bg-surface-base/85 pt-safe px-safe backdrop-blur-xl backdrop-saturate-150 md:block">
      <div className="mx-auto flex h-16 w-full max-w-6xl items-center justify-between gap-6 px-6">
        <Link
          href="/"
          aria-label={t("nav.homeLink")}
          className="-ml-1 flex items-center gap-2.5 rounded-card p-1 pr-2 transition-opacity hover:opacity-80"
        >
          <BrandMark className="size-8" />
          <span className="text-headline font-semibold tracking-tight">{t("app.name")}</span>
        </Link>
        <nav aria-label={t("nav.label")}>
          <ul className="flex items-center gap-1">
            {navItems.map(({ href, label, also }) => (
              <li key={href}>
                <NavLink
                  href={href}
                  also={also}
                  className="group flex h-10 items-center gap-2 rounded-full px-4 text-subheadline font-semibold text-text-secondary transition-colors hover:bg-surface-card hover:text-text-primary aria-[current=page]:bg-brand-primary/10 aria-[current=page]:text-text-primary"
                >
                  <MaskIcon
                    name={`nav-${label}`}
                    className="size-[1.125rem] group-aria-[current=page]:text-brand-primary"
                  />
                  {t(`tab.${label}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}
