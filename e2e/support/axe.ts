import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** axe (WCAG 2 A and AA) finds nothing serious or critical on the page, or inside `include`. */
export async function expectNoSeriousViolations(page: Page, label: string, include?: string) {
  // Only violations are read: axe then keeps one node of each pass, incomplete and inapplicable
  // result instead of all of them, which is most of its time on a full page.
  let builder = new AxeBuilder({ page })
    .options({ resultTypes: ["violations"] })
    .withTags(["wcag2a", "wcag2aa"]);
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, label).toEqual([]);
}

/**
 * Switches the page to a colour scheme and waits until its colour transitions have ended, so
 * axe measures the scheme's own colours, not a blend on the way there.
 */
export async function switchColorScheme(page: Page, colorScheme: "light" | "dark") {
  await page.emulateMedia({ colorScheme });
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation instanceof CSSTransition)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

/** axe finds nothing serious in light and then in dark, on the page as it is now. */
export async function expectNoSeriousViolationsInBothSchemes(page: Page, label: string, include?: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    await switchColorScheme(page, colorScheme);
    await expectNoSeriousViolations(page, `${label}, ${colorScheme}`, include);
  }
}
