import { getTranslations } from "next-intl/server";
import { MaskIcon } from "@/components/ui/mask-icon";
import { navItems } from "./nav-items";
import { NavLink } from "./nav-link";

/**
 * The phone tab bar (below 768 px): fixed to the bottom edge, above the home indicator. Its
 * height is `--tabbar-height` (globals.css) plus the safe area, so sticky bars on other screens
 * can sit right on top of it.
 */
export async function TabBar() {
  const t = await getTranslations();
  return (
    <nav
      aria-label={t("nav.label")}
      className="fixed inset-x-0 bottom-0 z-30 border-border-default border-t bg-surface-base/85 pb-safe px-safe backdrop-blur-xl backdrop-saturate-150 md:hidden"
    >
      <ul className="grid h-(--tabbar-height) grid-cols-3">
        {navItems.map(({ href, label, also }) => (
          <li key={href} className="flex">
            <NavLink
              href={href}
              also={also}
              className="group flex flex-1 flex-col items-center justify-center gap-0.5 text-text-secondary transition-colors active:opacity-70 aria-[current=page]:text-brand-primary"
            >
              <MaskIcon
                name={`tab-${label}`}
                className="size-6 transition-transform duration-200 group-active:scale-90"
              />
              <span className="text-caption2 font-semibold">{t(`tab.${label}`)}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
