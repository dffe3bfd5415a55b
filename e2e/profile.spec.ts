import { expect as baseExpect, type Page, test } from "@playwright/test";
import en from "../messages/en.json" with { type: "json" };
import es from "../messages/es.json" with { type: "json" };
import tr from "../messages/tr.json" with { type: "json" };
import {
  expectNoSeriousViolations,
  expectNoSeriousViolationsInBothSchemes,
  switchColorScheme,
} from "../scripts/test-support/e2e/axe";
import { newEmail, signInWithEmail } from "../scripts/test-support/e2e/people";

/**
 * Issue #4 Profile and purchase in a real browser against `next start`
 * on a fresh embedded database: language and theme applied at once and kept on the user, the
 * purchase dialog deep link, the credit history, legal pages in three languages, and axe.
 */

// The machine this runs on is shared and slow at times: hydration can take seconds.
const expect = baseExpect.configure({ timeout: 15_000 });
test.describe.configure({ timeout: 90_000 });

// Every guest of this file comes from its own address, away from other specs' guest limits.
test.use({ extraHTTPHeaders: { "x-forwarded-for": "10.4.20.1" } });

const POPULAR_CREDITS = 50;

async function startGuest(page: Page): Promise<void> {
  const response = await page.request.post("/api/session/guest");
  expect(response.status(), await response.text()).toBeLessThan(300);
}

async function me(page: Page): Promise<{ language: string; theme: string; credits: number }> {
  // One retry: a kept-alive socket the server already closed reads as ECONNRESET under load.
  const response = await page.request.get("/api/me").catch(() => page.request.get("/api/me"));
  expect(response.status()).toBe(200);
  return response.json();
}

/** Picks a segment of a segmented control by tapping its label, as a person would. */
async function choose(page: Page, name: string | RegExp) {
  const radio = page.getByRole("radio", { name });
  await page.locator("label", { has: radio }).click();
  await expect(radio).toBeChecked();
}

const heading = (page: Page, name: string) => page.getByRole("heading", { level: 1, name });
const historyRows = (page: Page) => page.getByTestId("credit-history").getByRole("listitem");

test.describe("profile settings", () => {
  test("switching to Turkish applies at once, is saved on the user and survives a reload", async ({
    page,
  }) => {
    await startGuest(page);
    await page.goto("/profile");
    await expect(heading(page, en.profile.title)).toBeVisible();
    await expect(page.getByTestId("profile-name")).toHaveText(en.profile.guestName);

    await choose(page, "Türkçe");
    await expect(heading(page, tr.profile.title)).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "tr");
    await expect(page.getByRole("heading", { name: tr.profile.settingsTitle })).toBeVisible();
    expect((await me(page)).language).toBe("tr");

    await page.reload();
    await expect(heading(page, tr.profile.title)).toBeVisible();
    await expect(page.getByRole("radio", { name: "Türkçe" })).toBeChecked();
    // The tab bar / top nav, rendered by the server, is Turkish too.
    await expect(page.getByRole("link", { name: tr.tab.history }).first()).toBeVisible();

    await choose(page, "English");
    await expect(heading(page, en.profile.title)).toBeVisible();
    expect((await me(page)).language).toBe("en");
  });

  test("the theme applies at once and follows the user across reloads", async ({ page }) => {
    await startGuest(page);
    await page.goto("/profile");
    const html = page.locator("html");
    await expect(html).not.toHaveAttribute("data-theme", /./);

    await choose(page, en.theme.dark);
    await expect(html).toHaveAttribute("data-theme", "dark");
    await expect.poll(async () => (await me(page)).theme).toBe("dark");

    await page.reload();
    await expect(html).toHaveAttribute("data-theme", "dark");
    await expect(page.getByRole("radio", { name: en.theme.dark })).toBeChecked();

    // Stored on the user, not only in this browser: without the local mirror it comes back.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await expect(html).toHaveAttribute("data-theme", "dark");

    await choose(page, en.theme.system);
    await expect(html).not.toHaveAttribute("data-theme", /./);
    expect((await me(page)).theme).toBe("system");
  });
});

test.describe("credits", () => {
  test("the purchase dialog opens from /profile?buy=1 with the popular pack, and asks a guest to sign in", async ({
    page,
  }) => {
    await startGuest(page);
    await page.goto("/profile?buy=1");
    const dialog = page.getByRole("dialog", { name: en.credits.buyTitle });
    await expect(dialog).toBeVisible();
    const popular = dialog.getByRole("radio", { name: new RegExp(`^${POPULAR_CREDITS} credits`) });
    await expect(popular).toBeChecked();
    await expect(dialog.locator("label[data-popular]")).toContainText(en.credits.popular);
    await expect(dialog.getByText("$2.99")).toBeVisible();
    await expect(dialog.getByText(en.credits.guestTitle)).toBeVisible();
    await expect(dialog.getByRole("link", { name: en.credits.guestAction })).toHaveAttribute(
      "href",
      `/sign-in?next=${encodeURIComponent("/profile?buy=1")}`,
    );
    // A guest has no buy button. (This dialog's axe check, light and dark: the accessibility tests.)
    await expect(dialog.getByRole("button", { name: /Buy \d+ credits/ })).toHaveCount(0);

    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/profile$/);

    // The Buy credits button opens it again, in the URL too.
    await page.getByRole("button", { name: en.profile.buyCredits }).click();
    await expect(dialog).toBeVisible();
    await expect(page).toHaveURL(/\/profile\?buy=1$/);
    await dialog.getByRole("button", { name: en.common.close }).click();
    await expect(dialog).toBeHidden();
  });

  test("the credit history shows the welcome grant, then a spend after a generation", async ({ page }) => {
    await startGuest(page);
    await page.goto("/profile");
    await expect(historyRows(page)).toHaveCount(1);
    await expect(historyRows(page).first()).toContainText(en.profile.reasons.grant);
    await expect(historyRows(page).first()).toContainText("+10");

    const model = await (await page.request.get("/api/models/ltx-2-fast")).json();
    const job = await page.request.post("/api/jobs", {
      data: { modelId: model.model.id, prompt: "A lighthouse at dusk, waves rolling in", settings: {} },
      headers: { "idempotency-key": crypto.randomUUID() },
    });
    expect(job.status()).toBe(202);
    const { job: created, credits } = await job.json();

    await page.reload();
    await expect(historyRows(page).first()).toContainText(en.profile.reasons.spend);
    await expect(historyRows(page).first()).toContainText(`\u2212${created.creditsUsed}`);
    await expect(historyRows(page).first()).toContainText(`Balance ${credits} credits`);
    await expect(page.getByTestId("profile-balance")).toContainText(String(credits));
    await expect(historyRows(page).nth(1)).toContainText(en.profile.reasons.grant);
  });
});

test.describe("back from Stripe Checkout", () => {
  test("success waits for the balance to rise, then says so; cancelled says nothing was charged", async ({
    page,
  }) => {
    await startGuest(page);
    // The page remembered the balance before leaving for Checkout; the webhook has since added
    // credits (here: the balance it remembered is 4, the real one is 10).
    await page.goto("/legal/support");
    await page.evaluate(() =>
      sessionStorage.setItem("rendio.checkout", JSON.stringify({ balance: 4, at: 0 })),
    );
    await page.goto("/profile?purchase=success&session_id=cs_test_123");
    const arrived = page.getByRole("status").filter({ hasText: en.credits.arrivedTitle });
    await expect(arrived).toContainText("6 credits added");
    await expect(arrived).toContainText("Your balance is now 10 credits.");
    expect(await page.evaluate(() => sessionStorage.getItem("rendio.checkout"))).toBeNull();
    await arrived.getByRole("button", { name: en.common.close }).click();
    await expect(page).toHaveURL(/\/profile$/);

    await page.goto("/profile?buy=1&purchase=cancelled");
    await expect(page.getByRole("dialog", { name: en.credits.buyTitle })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("status").filter({ hasText: en.credits.cancelled })).toBeVisible();
  });
});

test.describe("account", () => {
  test("delete account: type-to-confirm, then everything is gone and Home starts over", async ({ page }) => {
    await startGuest(page);
    const email = newEmail();
    const account = await signInWithEmail(page.request, email);
    const model = await (await page.request.get("/api/models/ltx-2-fast")).json();
    const job = await page.request.post("/api/jobs", {
      data: { modelId: model.model.id, prompt: "A fox in fresh snow", settings: {} },
      headers: { "idempotency-key": crypto.randomUUID() },
    });
    expect(job.status()).toBe(202);
    await page.goto("/profile");
    await page.evaluate(() => {
      localStorage.setItem("rendio.installHintDismissed", "1");
      sessionStorage.setItem("rendio.draft.x", "{}");
    });
    await expect(page.getByTestId("profile-name")).toHaveText(email);
    await expect(page.getByTestId("profile-kind")).toHaveText(en.profile.kindSignedIn);

    await page.getByRole("button", { name: en.profile.deleteAccount }).click();
    const dialog = page.getByRole("dialog", { name: en.profile.deleteTitle });
    await expect(dialog).toBeVisible();
    await expectNoSeriousViolations(page, "delete dialog", "dialog");
    const confirm = dialog.getByRole("button", { name: en.profile.deleteConfirm });
    await expect(confirm).toBeDisabled();
    const input = dialog.getByLabel(en.profile.deleteTypeLabel.replace("{word}", en.profile.deleteWord));
    await input.fill("delet");
    await expect(confirm).toBeDisabled();
    // Escape closes without deleting.
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    expect((await page.request.get("/api/me")).status()).toBe(200);

    await page.getByRole("button", { name: en.profile.deleteAccount }).click();
    await input.fill("delete");
    await expect(confirm).toBeEnabled();
    await confirm.click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect(page.getByRole("button", { name: en.onboarding.start })).toBeVisible();
    expect((await page.request.get("/api/me")).status()).toBe(401);
    expect(
      await page.evaluate(() =>
        [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith("rendio.")),
      ),
    ).toEqual([]);
    // Nothing of the account is left: the same email now makes a new, empty account.
    const fresh = await signInWithEmail(page.request, email);
    expect(fresh.id).not.toBe(account.id);
    expect((await (await page.request.get("/api/jobs")).json()).jobs).toEqual([]);
  });

  test("a guest sees Create account / Sign in, not Sign out or Delete", async ({ page }) => {
    await startGuest(page);
    await page.goto("/profile");
    await expect(page.getByRole("link", { name: new RegExp(en.profile.signIn) })).toHaveAttribute(
      "href",
      `/sign-in?next=${encodeURIComponent("/profile")}`,
    );
    await expect(page.getByRole("button", { name: en.profile.signOut })).toHaveCount(0);
    await expect(page.getByRole("button", { name: en.profile.deleteAccount })).toHaveCount(0);
    await expect(page.getByTestId("app-version")).toHaveText(/^Version \d+\.\d+\.\d+$/);
  });
});

test.describe("legal pages", () => {
  const docs = ["privacy", "terms", "support"] as const;
  for (const [locale, messages] of [
    ["en", en],
    ["tr", tr],
    ["es", es],
  ] as const) {
    test(`privacy, terms and support render in ${locale}`, async ({ page, context, baseURL }) => {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL }]);
      for (const doc of docs) {
        await page.goto(`/legal/${doc}`);
        await expect(heading(page, messages.legal[doc].title)).toBeVisible();
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expect(page.getByText(messages.legal[doc].lead)).toBeVisible();
        await expect(page.getByRole("link", { name: "support@rendio.ai" })).toHaveAttribute(
          "href",
          "mailto:support@rendio.ai",
        );
      }
    });
  }

  test("the profile links to them and an unknown document is 404", async ({ page }) => {
    await startGuest(page);
    await page.goto("/profile");
    await page.getByRole("link", { name: en.profile.legalTerms }).click();
    await expect(heading(page, en.legal.terms.title)).toBeVisible();
    const missing = await page.goto("/legal/cookies");
    expect(missing?.status()).toBe(404);
  });
});

test.describe("on a 360 px wide screen", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("profile and the purchase dialog do not overflow sideways", { tag: "@phone-only" }, async ({
    page,
  }) => {
    await startGuest(page);
    for (const path of ["/profile", "/profile?buy=1", "/legal/terms"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
});

test.describe("on a 390 px phone, in every language", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  for (const [locale, messages] of [
    ["en", en],
    ["tr", tr],
    ["es", es],
  ] as const) {
    test(`${locale}: buttons and labels stay on one line, nothing is cut, Guest is said once, Most popular once`, {
      tag: "@phone-only",
    }, async ({ page, context, baseURL }) => {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL }]);
      await startGuest(page);
      expect((await page.request.patch("/api/me", { data: { language: locale } })).status()).toBe(200);
      await page.goto("/profile");
      await expect(heading(page, messages.profile.title)).toBeVisible();
      await expect(historyRows(page)).toHaveCount(1);
      const main = page.locator("main");

      const oneLiners = [
        page.getByRole("button", { name: messages.profile.buyCredits }),
        page.getByRole("link", { name: messages.profile.viewVideos }),
        page.getByTestId("profile-name"),
        historyRows(page).first().getByText(messages.profile.reasons.grant),
      ];
      for (const target of oneLiners) {
        await expect(target).toBeVisible();
        expect(await lineCount(target), `${await target.textContent()} (${locale})`).toBe(1);
      }
      expect(await clippedTexts(page), locale).toEqual([]);
      await expect(main.getByText(messages.profile.guestName, { exact: true })).toHaveCount(1);

      await page.getByRole("button", { name: messages.profile.buyCredits }).click();
      const popular = page.getByRole("dialog").locator("label[data-popular]");
      await expect(popular).toBeVisible();
      await expect(popular.getByText(messages.credits.popular, { exact: true })).toHaveCount(1);
      await expect(popular).toContainText(messages.credits.popular);
    });
  }
});

/** How many lines a element's text takes (its text boxes, grouped by line). */
function lineCount(target: ReturnType<Page["locator"]>): Promise<number> {
  return target.evaluate((element) => {
    const rects: DOMRect[] = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      rects.push(...[...range.getClientRects()].filter((r) => r.width > 0));
    }
    rects.sort((a, b) => a.top - b.top);
    let lines = 0;
    let bottom = Number.NEGATIVE_INFINITY;
    for (const rect of rects) {
      if (rect.top >= bottom - 2) lines += 1;
      bottom = Math.max(bottom, rect.bottom);
    }
    return lines;
  });
}

/** Texts in <main> cut with an ellipsis (text-overflow set and the text wider than its box). */
function clippedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("main *")]
      .filter((el) => getComputedStyle(el).textOverflow === "ellipsis" && el.scrollWidth > el.clientWidth)
      .map((el) => el.textContent ?? ""),
  );
}

test.describe("keyboard", () => {
  test("closing the purchase dialog opened from /profile?buy=1 puts focus on Buy credits", {
    tag: "@phone",
  }, async ({ page }) => {
    await startGuest(page);
    await page.goto("/profile?buy=1");
    const dialog = page.getByRole("dialog", { name: en.credits.buyTitle });
    await expect(dialog).toBeVisible();
    const buy = page.getByRole("button", { name: en.profile.buyCredits });

    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(buy).toBeFocused();

    // Opened and closed again from the keyboard, with the dialog's own close button.
    await page.keyboard.press("Enter");
    await expect(dialog).toBeVisible();
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest("dialog"))).toBe(true);
    await dialog.getByRole("button", { name: en.common.close }).focus();
    await page.keyboard.press("Enter");
    await expect(dialog).toBeHidden();
    await expect(buy).toBeFocused();
  });
});

// Both schemes in one test: each page is loaded once and checked in light, then in dark.
test.describe("accessibility", () => {
  test("profile has no serious axe violations in light or dark", { tag: "@phone" }, async ({ page }) => {
    // Two schemes' checks in one test: the time of the two tests it replaces (90 s each).
    test.setTimeout(180_000);
    await switchColorScheme(page, "light");
    await startGuest(page);
    await page.goto("/profile");
    await expect(historyRows(page)).toHaveCount(1);
    await expectNoSeriousViolationsInBothSchemes(page, "profile");
    await switchColorScheme(page, "light");
    await page.goto("/profile?buy=1");
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("radio", { checked: true })).toHaveCount(1);
    await expectNoSeriousViolationsInBothSchemes(page, "purchase dialog", "dialog");
  });

  test("legal pages have no serious axe violations in light or dark", { tag: "@phone" }, async ({ page }) => {
    // Two schemes' checks in one test: the time of the two tests it replaces (90 s each).
    test.setTimeout(180_000);
    for (const doc of ["privacy", "terms", "support"] as const) {
      await switchColorScheme(page, "light");
      await page.goto(`/legal/${doc}`);
      await expect(heading(page, en.legal[doc].title)).toBeVisible();
      await expectNoSeriousViolationsInBothSchemes(page, `legal ${doc}`);
    }
  });
});
