import { expect, type Page } from "@playwright/test";
import axe from "axe-core";

type AxeWindow = { axe?: typeof axe };

/**
 * Puts axe-core into each frame of the page's current document that does not have it yet. Sending
 * its 650 KB source costs more than a check itself, so a document gets it once, not once per
 * check (AxeBuilder sends it twice per check and then finishes the run in a new page).
 */
async function injectAxe(page: Page) {
  for (const frame of page.frames()) {
    if (await frame.evaluate(() => "axe" in window)) continue;
    await frame.evaluate(axe.source);
    // As AxeBuilder's legacy mode: frames of the same origin are checked too.
    await frame.evaluate(() => (window as AxeWindow).axe?.configure({ allowedOrigins: ["<same_origin>"] }));
  }
}

/** axe (WCAG 2 A and AA) finds nothing serious or critical on the page, or inside `include`. */
export async function expectNoSeriousViolations(page: Page, label: string, include?: string) {
  await settleAnimations(page);
  await injectAxe(page);
  const serious = await page.evaluate(async (selector) => {
    const found = (window as AxeWindow).axe;
    if (!found) throw new Error("axe is not on the page");
    // Only violations are read: axe then keeps one node of each pass, incomplete and inapplicable
    // result instead of all of them, which is most of its time on a full page.
    const results = await found.run(selector ? { include: [selector] } : document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] },
      resultTypes: ["violations"],
    });
    return results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, include);
  expect(serious, label).toEqual([]);
}

/**
 * Waits until the page's finite animations and transitions have ended (a dialog fading in, colours
 * moving to a new scheme), so axe measures the colours people read, not a blend on the way there.
 * Endless ones (a spinner, a progress shimmer) are left running.
 */
async function settleAnimations(page: Page) {
  await page.evaluate(async () => {
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const running = () =>
      document
        .getAnimations()
        .filter((a) => a.playState === "running" && a.effect?.getComputedTiming().iterations !== Infinity);
    // An inherited colour moves down the tree one level per frame, each level with a transition
    // of its own: settled once two frames in a row start none.
    for (let quietFrames = 0; quietFrames < 2; ) {
      await nextFrame();
      const animations = running();
      quietFrames = animations.length === 0 ? quietFrames + 1 : 0;
      await Promise.all(animations.map((animation) => animation.finished.catch(() => undefined)));
    }
  });
}

/** Switches the page to a colour scheme and waits until its colours have settled there. */
export async function switchColorScheme(page: Page, colorScheme: "light" | "dark") {
  await page.emulateMedia({ colorScheme });
  await page.waitForFunction(
    (scheme) => matchMedia(`(prefers-color-scheme: ${scheme})`).matches,
    colorScheme,
  );
  await settleAnimations(page);
}

/** axe finds nothing serious in light and then in dark, on the page as it is now. */
export async function expectNoSeriousViolationsInBothSchemes(page: Page, label: string, include?: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    await switchColorScheme(page, colorScheme);
    await expectNoSeriousViolations(page, `${label}, ${colorScheme}`, include);
  }
}
