import { CircleUserRound, Clock, House, type LucideIcon } from "lucide-react";

export type NavItem = {
  href: "/" | "/history" | "/profile";
  label: "home" | "history" | "profile";
  icon: LucideIcon;
  /** Other route prefixes that belong to this tab (pushed screens keep their tab highlighted). */
  also: string[];
};

/** The three tabs: Home, History, Profile. */
export const navItems: NavItem[] = [
  { href: "/", label: "home", icon: House, also: ["/create"] },
  { href: "/history", label: "history", icon: Clock, also: ["/jobs"] },
  { href: "/profile", label: "profile", icon: CircleUserRound, also: [] },
];
