import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import en from "../messages/en.json" with { type: "json" };
import tr from "../messages/tr.json" with { type: "json" };
import {
  expectNoSeriousViolations,
  expectNoSeriousViolationsInBothSchemes,
  switchColorScheme,
} from "../scripts/test-support/e2e/axe";
import { codeFor } from "../scripts/test-support/e2e/people";
import { SEEDED_CREDITS_LEFT, seededPerson } from "../scripts/test-support/e2e/seeded";

/**
 * Sign-in by email code against `next start` on a fresh embedded database, where the code goes
 * to the local outbox: a guest keeps credits and history, a second guest is merged into the
 * same account, the outbox page, a wrong code, and axe in light and dark.
 */

const TEXT_MODEL = "ltx-2-fast"; // 3 credits at its defaults

// Every test is its own client address, so the per-address limits never meet across tests.
test.use({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });

function randomAddress(): string {
  const byte = () => Math.floor(Math.random() * 250) + 1;
  return `10.${byte()}.${byte()}.${byte()}`;
}

const newEmail = () => `e2e-${randomUUID().slice(0, 8)}@example.com`;

async function startGuest(request: APIRequestContext) {
  const response = await request.post("/api/session/guest");
  expect(response.status(), await response.text()).toBeLessThan(300);
  return (await response.json()).user as { id: string; credits: number };
}

async function makeJob(request: APIRequestContext): Promise<string> {
  const model = await (await request.get(`/api/models/${TEXT_MODEL}`)).json();
  const response = await request.post("/api/jobs", {
    data: { modelId: model.model.id, prompt: "A hot-air balloon over misty hills at dawn", settings: {} },
    headers: { "idempotency-key": randomUUID() },
  });
  expect(response.status(), await response.text()).toBe(202);
  return (await response.json()).job.id;
}

async function me(request: APIRequestContext) {
  const response = await request.get("/api/me");
  expect(response.status()).toBe(200);
  return response.json();
}

async function jobIds(request: APIRequestContext): Promise<string[]> {
  const response = await request.get("/api/jobs");
  expect(response.status()).toBe(200);
  return (await response.json()).jobs.map((job: { id: string }) => job.id);
}

/** The sign-in page as a person uses it: email, then the code from the mail. */
async function signInThroughPage(page: Page, email: string, options: { spaced?: boolean } = {}) {
  await page.goto("/sign-in");
  await page.getByLabel(en.auth.emailLabel).fill(email);
  await page.getByRole("button", { name: en.auth.sendCode }).click();
  await expect(page.getByTestId("code-sent")).toContainText(email);
  const code = await codeFor(page.request, email);
  const verified = page.waitForResponse((r) => r.url().endsWith("/api/auth/email/verify"));
  // A pasted code may carry spaces; the field keeps the digits and signs in once it has six.
  await page
    .getByLabel(en.auth.codeLabel)
    .fill(options.spaced ? `${code.slice(0, 3)} ${code.slice(3)}` : code);
  expect((await verified).status()).toBe(200);
  await page.waitForURL((url) => url.pathname === "/profile");
}

test("a guest with videos signs in with a code from the outbox and keeps credits and history", async ({
  page,
  context,
  baseURL,
}) => {
  // A guest with two finished videos, seeded (scripts/test-support/e2e/seeded.ts): a job still in
  // flight is carried into an account by the merge test below.
  const guest = await seededPerson(context, baseURL);
  const before = await me(page.request);
  expect(before).toMatchObject({ id: guest.userId, isGuest: true, credits: SEEDED_CREDITS_LEFT });

  const email = newEmail();
  await signInThroughPage(page, email, { spaced: true });

  const after = await me(page.request);
  expect(after).toMatchObject({ id: guest.userId, isGuest: false, email, credits: before.credits });
  expect((await jobIds(page.request)).sort()).toEqual(guest.jobs.map((job) => job.id).sort());
});

test("a second guest signing in to the same email is merged into the account", async ({
  page,
  browser,
  baseURL,
}) => {
  const email = newEmail();
  // The first person: a guest with finished videos (seeded) who signs in (through the API, the
  // page is tested above).
  const first = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  const account = await seededPerson(first, baseURL);
  expect((await first.request.post("/api/auth/email", { data: { email } })).status()).toBe(202);
  const verified = await first.request.post("/api/auth/email/verify", {
    data: { email, code: await codeFor(first.request, email) },
  });
  expect(verified.status()).toBe(200);
  const accountCredits = (await me(first.request)).credits;
  await first.close();

  // The second guest, on another device, with a video in flight, signs in to the same email
  // through the page.
  const guest = await startGuest(page.request);
  const secondJob = await makeJob(page.request);
  const guestCredits = (await me(page.request)).credits;
  expect(guestCredits).toBe(guest.credits - 3);
  await signInThroughPage(page, email);

  const merged = await me(page.request);
  expect(merged).toMatchObject({
    id: account.userId,
    email,
    isGuest: false,
    credits: accountCredits + guestCredits,
  });
  expect(merged.id).not.toBe(guest.id);
  expect((await jobIds(page.request)).sort()).toEqual(
    [...account.jobs.map((job) => job.id), secondJob].sort(),
  );
});

test("the outbox page shows the message with its code, newest first", async ({ page }) => {
  // Two messages of this test, one after the other: other tests may mail codes meanwhile (the
  // outbox is the server's), so the order is read between these two.
  const earlier = newEmail();
  const email = newEmail();
  expect((await page.request.post("/api/auth/email", { data: { email: earlier } })).status()).toBe(202);
  await codeFor(page.request, earlier);
  expect((await page.request.post("/api/auth/email", { data: { email } })).status()).toBe(202);
  const code = await codeFor(page.request, email);
  await page.goto("/dev/outbox");
  await expect(page.getByRole("heading", { level: 1, name: en.auth.outbox.title })).toBeVisible();
  const messages = page.getByTestId("outbox-message");
  const newest = messages.filter({ hasText: email });
  await expect(newest).toHaveCount(1);
  await expect(newest.getByTestId("outbox-code")).toHaveText(code);
  const order = await messages.allTextContents();
  const place = (address: string) => order.findIndex((text) => text.includes(address));
  expect(place(earlier)).toBeGreaterThan(place(email));
  await expectNoSeriousViolations(page, "outbox");
});

test("a wrong code shows the localized error and signs nobody in", async ({ page }) => {
  const guest = await startGuest(page.request);
  const email = newEmail();
  await page.goto("/sign-in");
  await expect(page.getByRole("link", { name: en.auth.devHintLink })).toHaveAttribute("href", "/dev/outbox");
  await page.getByLabel(en.auth.emailLabel).fill(email);
  await page.getByRole("button", { name: en.auth.sendCode }).click();
  const code = await codeFor(page.request, email);
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
  await page.getByLabel(en.auth.codeLabel).fill(wrong);
  await expect(page.locator("#sign-in-error")).toHaveText(en.auth.errorCode);
  await expect(page.getByLabel(en.auth.codeLabel)).toHaveAttribute("aria-invalid", "true");
  expect(await me(page.request)).toMatchObject({ id: guest.id, isGuest: true, email: null });
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("a code pasted from the clipboard, spaces and all, signs in", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const email = newEmail();
  await page.goto("/sign-in?next=/history");
  await page.getByLabel(en.auth.emailLabel).fill(email);
  await page.getByRole("button", { name: en.auth.sendCode }).click();
  const code = await codeFor(page.request, email);
  await page.evaluate(
    (text) => navigator.clipboard.writeText(text),
    `Code: ${code.slice(0, 3)} ${code.slice(3)}`,
  );
  await page.getByLabel(en.auth.codeLabel).focus();
  await page.keyboard.press("ControlOrMeta+V");
  // The sign-in URL itself ends in "next=/history": wait for the page, not the text.
  await page.waitForURL((url) => url.pathname === "/history");
  expect(await me(page.request)).toMatchObject({ email, isGuest: false });
});

test("a bad email is refused on the page with its message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel(en.auth.emailLabel).fill("not an email");
  await page.getByRole("button", { name: en.auth.sendCode }).click();
  await expect(page.locator("#sign-in-error")).toHaveText(en.auth.errorEmail);
  await expect(page.getByLabel(en.auth.emailLabel)).toBeFocused();
});

test.describe("in Turkish", () => {
  test.use({ locale: "tr-TR" });

  test("the page, the mail and the wrong-code error speak Turkish", async ({ page }) => {
    const email = newEmail();
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(tr.auth.heading);
    await page.getByLabel(tr.auth.emailLabel).fill(email);
    await page.getByRole("button", { name: tr.auth.sendCode }).click();
    await expect(page.getByLabel(tr.auth.codeLabel)).toBeVisible();
    const outbox = await (await page.request.get(`/api/dev/outbox?email=${email}`)).json();
    expect(outbox.messages[0].subject).toContain("Rendio giriş kodun");
    await page.getByLabel(tr.auth.codeLabel).fill(outbox.messages[0].code === "000000" ? "111111" : "000000");
    await expect(page.locator("#sign-in-error")).toHaveText(tr.auth.errorCode);
  });
});

// Both schemes in one test: each step is reached once and checked in light, then in dark.
test("axe finds no serious violations on /sign-in (light and dark)", { tag: "@phone" }, async ({ page }) => {
  // Two schemes' checks in one test: the time of the two tests it replaces.
  test.setTimeout(120_000);
  await switchColorScheme(page, "light");
  await page.goto("/sign-in?next=/history");
  await expect(page.getByLabel(en.auth.emailLabel)).toBeFocused();
  await expectNoSeriousViolationsInBothSchemes(page, "email step");
  await page.getByLabel(en.auth.emailLabel).fill(newEmail());
  await page.getByRole("button", { name: en.auth.sendCode }).click();
  await expect(page.getByLabel(en.auth.codeLabel)).toBeFocused();
  await expect(page.getByLabel(en.auth.codeLabel)).toHaveAttribute("autocomplete", "one-time-code");
  await expect(page.getByLabel(en.auth.codeLabel)).toHaveAttribute("inputmode", "numeric");
  await page.getByLabel(en.auth.codeLabel).fill("12");
  await page.getByRole("button", { name: en.auth.verify }).click();
  await expect(page.locator("#sign-in-error")).toHaveText(en.auth.errorCodeFormat);
  await expectNoSeriousViolationsInBothSchemes(page, "code step");
});
