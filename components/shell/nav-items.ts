export type NavItem = {
  href: "/" | "/history" | "/profile";
  label: "home" | "history" | "profile";
  /** Other route prefixes that belong to this tab (pushed screens keep their tab highlighted). */
  also: string[];
};

/**
 * The three tabs: Home, History, Profile. Their icons are `nav-<label>` (top navigation) and
 * `tab-<label>` (tab bar) in components/ui/icon-masks.ts.
 */
export const navItems: NavItem[] = [
  { href: "/", label: "home", also: ["/create"] },
  { href: "/history", label: "history", also: ["/jobs"] },
  { href: "/profile", label: "profile", also: [] },
];
