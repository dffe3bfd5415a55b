import { expect, type Page, test } from "@playwright/test";
import en from "../messages/en.json" with { type: "json" };
import es from "../messages/es.json" with { type: "json" };

/**
 * Issue #11 item 10, found with a keyboard: the skip link keeps its padding when it shows, a
 * control reached with Tab on the phone is never left under the sticky Generate bar, and an
 * icon beside a label that wraps keeps its size.
 */

let address = 0;
test.beforeEach(async ({ context }, info) => {
  address += 1;
  const project = info.project.name === "chromium-mobile" ? 2 : 1;
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `10.62.${project}.${address}` });
});

test("the skip link is padded when the keyboard reaches it", { tag: "@phone" }, async ({ page }) => {
  await page.goto("/legal/terms");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: en.nav.skipToContent });
  await expect(skip).toBeFocused();
  const box = await skip.evaluate((element) => {
    const style = getComputedStyle(element);
    return {
      padding: [style.paddingTop, style.paddingRight, style.paddingBottom, style.paddingLeft],
      height: element.getBoundingClientRect().height,
    };
  });
  expect(box.padding).toEqual(["12px", "16px", "12px", "16px"]);
  expect(box.height).toBeGreaterThanOrEqual(44);
});

/**
 * The focused control of the create form and how far its bottom reaches below the top of the
 * sticky Generate bar (≤ 0: clear of it); null once focus has left the form.
 */
function focusedBelowBar(page: Page) {
  return page.evaluate((generateLabel) => {
    const element = document.activeElement as HTMLElement;
    let bar = [...document.querySelectorAll("button")].find((button) =>
      button.textContent?.includes(generateLabel),
    ) as HTMLElement | null;
    while (bar && getComputedStyle(bar).position !== "sticky") bar = bar.parentElement;
    if (!bar || bar.contains(element) || !document.querySelector("main")?.contains(element)) return null;
    // A segment is drawn by its label; the radio button itself is visually hidden.
    const drawn = element.matches('input[type="radio"]')
      ? (element.closest("label") as HTMLElement)
      : element;
    return {
      name:
        element.getAttribute("aria-label") ||
        element.id ||
        (drawn.textContent ?? "").trim().slice(0, 30) ||
        element.tagName,
      below: Math.round(drawn.getBoundingClientRect().bottom - bar.getBoundingClientRect().top),
    };
  }, en.create.generate.button);
}

// The bar covers the form on phones only.
test("on the phone, Tab through the create form never stops under the Generate bar", {
  tag: "@phone-only",
}, async ({ page }) => {
  const guest = await page.request.post("/api/session/guest");
  expect(guest.status()).toBeLessThan(300);
  await page.goto("/create/ltx-2-fast");
  const prompt = page.getByLabel(en.create.prompt.label);
  await expect(prompt).toBeEditable();
  await prompt.focus();

  const seen: string[] = [];
  for (let step = 0; step < 40; step++) {
    await page.keyboard.press("Tab");
    const focused = await focusedBelowBar(page);
    if (!focused) break;
    seen.push(focused.name);
    await expect
      .poll(async () => (await focusedBelowBar(page))?.below, {
        message: `"${focused.name}" must end above the Generate bar (px below its top)`,
        timeout: 2_000,
      })
      .toBeLessThanOrEqual(0);
  }
  // The walk went through the form's controls, not straight to the bar.
  expect(seen.length, seen.join(", ")).toBeGreaterThanOrEqual(4);
});

test.describe("at 320 px", () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test("an icon beside a label that wraps keeps its size", { tag: "@phone-only" }, async ({
    page,
    context,
    baseURL,
  }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "es", url: baseURL }]);
    const guest = await page.request.post("/api/session/guest");
    expect(guest.status()).toBeLessThan(300);
    await page.goto("/profile");
    // "Mis videos" takes two lines in its half of the row at this width.
    const link = page.getByRole("link", { name: es.profile.viewVideos });
    await expect(link).toBeVisible();
    const icon = link.locator("svg");
    const size = await icon.evaluate((svg) => {
      const { width, height } = svg.getBoundingClientRect();
      return { width, height };
    });
    expect(size).toEqual({ width: 16, height: 16 });
  });
});
