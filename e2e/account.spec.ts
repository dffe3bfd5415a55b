import { expect, type Page, test } from "@playwright/test";
import en from "../messages/en.json" with { type: "json" };
import es from "../messages/es.json" with { type: "json" };
import tr from "../messages/tr.json" with { type: "json" };
import { newEmail, randomAddress, signInWithEmail, startGuest } from "../scripts/test-support/e2e/people";

/**
 * Issue #4 across its parts, with real sign-in through the local outbox: a registered person's
 * test purchase, the language following the account to another browser, and sign-out (of this
 * device, or of every device).
 */

test.describe.configure({ timeout: 90_000 });
test.use({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });

const historyRows = (page: Page) => page.getByTestId("credit-history").getByRole("listitem");

async function credits(page: Page): Promise<number> {
  const response = await page.request.get("/api/me");
  expect(response.status()).toBe(200);
  return (await response.json()).credits;
}

test("a signed-in person buys the popular pack: the balance rises once and the purchase is in the credit history", async ({
  page,
}) => {
  await startGuest(page.request);
  const user = await signInWithEmail(page.request, newEmail());
  expect(user.isGuest).toBe(false);
  const before = await credits(page);

  await page.goto("/profile?buy=1");
  const dialog = page.getByRole("dialog", { name: en.credits.buyTitle });
  await expect(dialog.getByText(en.credits.testBadge)).toBeVisible();
  const buy = dialog.getByRole("button", { name: /^Buy 50 credits/ });
  const purchase = page.waitForResponse((r) => r.url().endsWith("/api/credits/checkout"));
  // A double tap is one purchase: the dialog sends one Idempotency-Key per chosen pack.
  await buy.dblclick();
  expect((await purchase).status()).toBe(200);

  await expect(page.getByTestId("profile-balance")).toContainText(String(before + 50));
  await expect.poll(() => credits(page)).toBe(before + 50);
  await expect(historyRows(page).first()).toContainText(en.profile.reasons.purchase);
  await expect(historyRows(page).first()).toContainText("+50");
  await page.reload();
  await expect(historyRows(page).filter({ hasText: en.profile.reasons.purchase })).toHaveCount(1);
  expect(await credits(page)).toBe(before + 50);
  // The header says what the account is, not "Free account" after a purchase.
  const header = page.getByTestId("profile-kind");
  await expect(header).toHaveText(en.profile.kindSignedIn);
  await expect(page.getByText("Free account")).toHaveCount(0);
});

test("Turkish chosen on one device follows the account to another after sign-in", async ({
  page,
  browser,
}) => {
  const email = newEmail();
  await startGuest(page.request);
  await signInWithEmail(page.request, email);
  await page.goto("/profile");
  const turkish = page.getByRole("radio", { name: "Türkçe" });
  await page.locator("label", { has: turkish }).click();
  await expect(page.getByRole("heading", { level: 1, name: tr.profile.title })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: tr.profile.title })).toBeVisible();

  // Another browser, in English, signs in to the same account: it speaks Turkish from then on.
  const other = await browser.newContext({
    locale: "en-US",
    extraHTTPHeaders: { "x-forwarded-for": randomAddress() },
  });
  const second = await other.newPage();
  await second.goto("/profile");
  await expect(second.locator("html")).toHaveAttribute("lang", "en");
  const signedIn = await signInWithEmail(second.request, email);
  expect(signedIn.language).toBe("tr");
  await second.goto("/profile");
  await expect(second.locator("html")).toHaveAttribute("lang", "tr");
  await expect(second.getByTestId("profile-name")).toHaveText(email);
  await other.close();
});

test("sign out keeps this device's theme and language; the new guest keeps the theme too", async ({
  page,
}) => {
  await startGuest(page.request);
  await signInWithEmail(page.request, newEmail());
  const saved = await page.request.patch("/api/me", { data: { theme: "dark", language: "es" } });
  expect(saved.status()).toBe(200);
  await page.goto("/profile");
  const html = page.locator("html");
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect(html).toHaveAttribute("lang", "es");

  await page.getByRole("button", { name: es.profile.signOut, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: es.profile.signOutTitle });
  await dialog.getByRole("button", { name: es.profile.signOutConfirm }).click();
  await page.waitForURL((url) => url.pathname === "/");
  // The landing is what the dialog said: the welcome, with the way back in.
  const welcome = page.getByRole("region", { name: es.onboarding.title });
  await expect(welcome.getByRole("link", { name: es.auth.haveAccount.signIn })).toBeVisible();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect(html).toHaveAttribute("lang", "es");

  await welcome.getByRole("button", { name: es.onboarding.start }).click();
  await expect(page.getByRole("region", { name: es.banner.welcomeTitle })).toBeVisible();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect.poll(async () => (await (await page.request.get("/api/me")).json()).theme).toBe("dark");
  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect(html).toHaveAttribute("lang", "es");
});

test("sign out: confirmed, back home as a new visitor; signing in again brings the account back", async ({
  page,
}) => {
  const email = newEmail();
  await startGuest(page.request);
  const account = await signInWithEmail(page.request, email);
  await page.goto("/profile");
  await expect(page.getByTestId("profile-name")).toHaveText(email);

  await page.getByRole("button", { name: en.profile.signOut, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: en.profile.signOutTitle });
  await expect(dialog).toContainText(en.profile.signOutMessage);
  await dialog.getByRole("button", { name: en.profile.signOutConfirm }).click();
  await page.waitForURL((url) => url.pathname === "/");
  // A way back in: where sign-out lands, the welcome offers "I already have an account → Sign in".
  const welcome = page.getByRole("region", { name: en.onboarding.title });
  await expect(welcome.getByText(en.auth.haveAccount.question)).toBeVisible();
  await welcome.getByRole("link", { name: en.auth.haveAccount.signIn }).click();
  await page.waitForURL((url) => url.pathname === "/sign-in");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const after = await page.request.get("/api/me");
  if (after.status() === 200) {
    const me = await after.json();
    expect(me.isGuest).toBe(true);
    expect(me.id).not.toBe(account.id);
  } else {
    expect(after.status()).toBe(401);
  }

  const again = await signInWithEmail(page.request, email);
  expect(again.id).toBe(account.id);
});

test("sign out everywhere: confirmed, this device starts over and another browser's session ends too", async ({
  page,
  browser,
}) => {
  const email = newEmail();
  await startGuest(page.request);
  const account = await signInWithEmail(page.request, email);
  const other = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  expect((await signInWithEmail(other.request, email)).id).toBe(account.id);
  expect((await other.request.get("/api/me")).status()).toBe(200);

  await page.goto("/profile");
  await expect(page.getByTestId("profile-name")).toHaveText(email);
  await page.getByRole("button", { name: en.profile.signOutEverywhere }).click();
  const dialog = page.getByRole("dialog", { name: en.profile.signOutEverywhereTitle });
  await expect(dialog).toContainText(en.profile.signOutEverywhereMessage);
  const signedOut = page.waitForResponse((r) => r.url().endsWith("/api/auth/sign-out"));
  await dialog.getByRole("button", { name: en.profile.signOutEverywhereConfirm }).click();
  expect((await signedOut).status()).toBe(204);
  await page.waitForURL((url) => url.pathname === "/");

  expect((await other.request.get("/api/me")).status()).toBe(401);
  const after = await page.request.get("/api/me");
  if (after.status() === 200) expect((await after.json()).id).not.toBe(account.id);
  else expect(after.status()).toBe(401);
  await other.close();
});
