import { expect, type Locator, type Page, test } from "@playwright/test";

// The app's links (components/ui/intent-link.tsx) are plain <a>s that one island in the layout
// (components/shell/intent-links.tsx) prefetches on intent and navigates client-side.

const cardHref = "/create/veo-3-1-fast";

/** The pages the router prefetched, from the moment of the call. */
function prefetchesOf(page: Page): string[] {
  const prefetched: string[] = [];
  page.on("request", (request) => {
    if (request.headers()["next-router-prefetch"]) prefetched.push(new URL(request.url()).pathname);
  });
  return prefetched;
}

/** Hovers the link until its page is prefetched: the island has hydrated and listens. */
async function hoverUntilPrefetched(page: Page, link: Locator, prefetched: string[]) {
  const href = await link.getAttribute("href");
  await expect
    .poll(async () => {
      await page.mouse.move(0, 0);
      await link.hover();
      return prefetched.includes(href ?? "");
    })
    .toBe(true);
}

test("a card's page is prefetched only once the pointer is over it, and opens without reloading", async ({
  page,
}) => {
  const prefetched = prefetchesOf(page);
  await page.goto("/");
  const card = page.locator(`main a[href="${cardHref}"]`).first();
  await expect(card).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(prefetched).not.toContain(cardHref);
  await hoverUntilPrefetched(page, card, prefetched);

  await page.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });
  await card.click();
  await expect(page).toHaveURL(cardHref);
  await expect(page.getByRole("button", { name: /generate/i })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
    true,
  );
});

test("a modified click leaves the link to the browser: Ctrl/Cmd+click opens the page in a new tab", async ({
  page,
  context,
}) => {
  const prefetched = prefetchesOf(page);
  await page.goto("/");
  const card = page.locator(`main a[href="${cardHref}"]`).first();
  await hoverUntilPrefetched(page, card, prefetched);
  const [opened] = await Promise.all([
    context.waitForEvent("page"),
    card.click({ modifiers: ["ControlOrMeta"] }),
  ]);
  await opened.waitForLoadState();
  expect(new URL(opened.url()).pathname).toBe(cardHref);
  await expect(page).toHaveURL("/");
});

test("a keyboard user's focus prefetches too, and Enter opens the page client-side", async ({ page }) => {
  const prefetched = prefetchesOf(page);
  await page.goto("/");
  const card = page.locator(`main a[href="${cardHref}"]`).first();
  await expect
    .poll(async () => {
      await card.blur();
      await card.focus();
      return prefetched.includes(cardHref);
    })
    .toBe(true);
  await page.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(cardHref);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
    true,
  );
});
