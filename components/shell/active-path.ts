/**
 * Whether `pathname` is inside the tab whose root is `href` or one of its pushed screens (`also`).
 * Kept apart from the icon list so the client link does not ship the icons.
 */
export function isActivePath(pathname: string, href: string, also: string[] = []): boolean {
  const within = (root: string) =>
    root === "/" ? pathname === "/" : pathname === root || pathname.startsWith(`${root}/`);
  return within(href) || also.some(within);
}
