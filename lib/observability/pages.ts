/**
 * The app's pages as route templates: what a Web Vitals beacon names instead of its path (a path
 * may hold a share token or a job id). Plain data, no zod: the browser imports it.
 */
export const PAGE_ROUTES = [
  "/",
  "/create/[modelId]",
  "/dev/outbox",
  "/history",
  "/jobs/[id]",
  "/legal/[doc]",
  "/offline",
  "/profile",
  "/sign-in",
  "/v/[token]",
  "other",
] as const;
export type PageRoute = (typeof PAGE_ROUTES)[number];

export const VITAL_NAMES = ["LCP", "INP", "CLS", "TTFB"] as const;
export const VITAL_RATINGS = ["good", "needs-improvement", "poor"] as const;
export const NAVIGATION_TYPES = [
  "navigate",
  "reload",
  "back-forward",
  "back-forward-cache",
  "prerender",
  "restore",
] as const;

/** The template of `pathname`; "other" for a path no page has (a 404). */
export function pageRoute(pathname: string): PageRoute {
  const parts = pathname.split("/").filter(Boolean);
  const [first, second] = parts;
  if (parts.length === 0) return "/";
  const dynamic: Record<string, PageRoute> = {
    create: "/create/[modelId]",
    jobs: "/jobs/[id]",
    legal: "/legal/[doc]",
    v: "/v/[token]",
  };
  if (parts.length === 2 && first && dynamic[first]) return dynamic[first];
  const exact = `/${parts.join("/")}`;
  if (second === undefined || exact === "/dev/outbox") {
    return (PAGE_ROUTES as readonly string[]).includes(exact) ? (exact as PageRoute) : "other";
  }
  return "other";
}
