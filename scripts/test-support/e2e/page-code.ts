import type { Page } from "@playwright/test";

/** The page's own code (Next's script chunks); its HTML, styles and inline scripts are not. */
export const isPageCode = (url: URL) =>
  url.pathname.startsWith("/_next/static/") && url.pathname.endsWith(".js");

/**
 * Holds the page's code until the returned function is called, so a test sees the page as sent
 * before React listens to it.
 */
export async function holdPageCode(page: Page): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(isPageCode, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}
