import { expect, type Page, test } from "@playwright/test";
import en from "../messages/en.json" with { type: "json" };
import tr from "../messages/tr.json" with { type: "json" };
import { newEmail } from "../scripts/test-support/e2e/people";
import { type OwnServer, startOwnServer } from "../scripts/test-support/e2e/server";
import { type Siteverify, startSiteverify } from "../scripts/test-support/stand-ins/siteverify";

/**
 * Cloudflare Turnstile in the browser. Cloudflare cannot be reached here, so this spec starts a
 * second server of the built app with Turnstile on, checking tokens at a siteverify stand-in, and
 * answers the page's request for api.js with a stand-in script that implements the explicit
 * render API and hands out tokens the stand-in siteverify issued. Desktop Chromium only.
 */

const SECRET = "0x4AAAAAAA-e2e-secret";
const SITE_KEY = "0x4AAAAAAA-e2e-site";
let origin = "";
let siteverify: Siteverify;
let server: OwnServer | undefined;

test.use({ serviceWorkers: "block" });
test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  siteverify = await startSiteverify(SECRET);
  // Sign-in codes go to the outbox, as on the main e2e server.
  server = await startOwnServer("turnstile", {
    DEV_OUTBOX: "true",
    TURNSTILE_SITE_KEY: SITE_KEY,
    TURNSTILE_SECRET_KEY: SECRET,
    TURNSTILE_VERIFY_URL: siteverify.url,
  });
  origin = server.url;
  // Warm the pages up: a cold first render on a busy machine outlasts the expectations.
  for (const page of ["/", "/sign-in"]) await fetch(`${origin}${page}`);
});

test.afterAll(async () => {
  await server?.stop();
  await siteverify?.close();
});

test.beforeEach(() => {
  test.setTimeout(150_000);
});

type Render = { sitekey: string; action: string; language: string; theme: string; appearance: string };

/** Serves the stand-in api.js: turnstile.render/reset/remove, each render or reset giving a token. */
async function standInTurnstile(page: Page) {
  await page.route("https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit", (route) => {
    const tokens = Array.from({ length: 10 }, () => siteverify.issue());
    const script = `(() => {
      const tokens = ${JSON.stringify(tokens)};
      const widgets = {};
      let next = 0;
      window.__renders = [];
      const hand = (id) => setTimeout(() => widgets[id] && widgets[id].callback(tokens.shift()), 50);
      window.turnstile = {
        render(element, options) {
          const id = "w" + ++next;
          widgets[id] = options;
          const { sitekey, action, language, theme, appearance } = options;
          window.__renders.push({ sitekey, action, language, theme, appearance });
          hand(id);
          return id;
        },
        reset: hand,
        remove(id) { delete widgets[id]; },
      };
    })();`;
    return route.fulfill({ contentType: "text/javascript", body: script });
  });
}

// The widget's code loads after hydration, which takes a while on a busy machine.
const slow = { timeout: 60_000 };

const renders = (page: Page) => page.evaluate(() => (window as unknown as { __renders: Render[] }).__renders);

test("Start creating sends the widget's token; the server checks it and makes the guest", async ({
  page,
}) => {
  await standInTurnstile(page);
  await page.goto(`${origin}/`);
  await expect(page.getByRole("heading", { name: en.onboarding.title })).toBeVisible();
  await expect
    .poll(() => renders(page), slow)
    .toEqual([
      { sitekey: SITE_KEY, action: "guest", language: "en", theme: "auto", appearance: "interaction-only" },
    ]);
  const calls = siteverify.calls.length;
  await page.getByRole("button", { name: en.onboarding.start }).click();
  await expect(page.getByRole("heading", { name: en.onboarding.title })).toHaveCount(0);
  const me = await page.request.get(`${origin}/api/me`);
  expect((await me.json()).credits).toBe(10);
  expect(siteverify.calls.length).toBe(calls + 1);
  expect(siteverify.calls.at(-1)?.form.secret).toBe(SECRET);
});

test("asking for a sign-in code sends a token", async ({ page }) => {
  await standInTurnstile(page);
  await page.goto(`${origin}/sign-in`);
  await expect.poll(async () => (await renders(page))?.map((r) => r.action), slow).toEqual(["email_code"]);
  const calls = siteverify.calls.length;
  await page.getByLabel(en.auth.emailLabel).fill(newEmail());
  await page.getByRole("button", { name: en.auth.sendCode }).click();
  await expect(page.getByTestId("code-sent")).toBeVisible();
  expect(siteverify.calls.length).toBe(calls + 1);
});

test.describe("in Turkish", () => {
  test.use({ locale: "tr-TR" });

  test("Cloudflare's script blocked: a Turkish message, Start creating refused, nobody made", async ({
    page,
  }) => {
    await page.route("https://challenges.cloudflare.com/**", (route) => route.abort());
    await page.goto(`${origin}/`);
    await expect(page.getByRole("alert").filter({ hasText: tr.captcha.failed })).toBeVisible(slow);
    await expect(page.getByRole("button", { name: tr.captcha.retry })).toBeVisible();
    await page.getByRole("button", { name: tr.onboarding.start }).click();
    await expect(page.getByText(tr.errors.captcha_failed)).toBeVisible();
    expect((await page.request.get(`${origin}/api/me`)).status()).toBe(401);
  });

  test("the widget speaks the app's language", async ({ page }) => {
    await standInTurnstile(page);
    await page.goto(`${origin}/sign-in`);
    await expect.poll(async () => (await renders(page))?.map((r) => r.language), slow).toEqual(["tr"]);
  });
});

test("without Turnstile settings nothing is loaded from Cloudflare", async ({ page }) => {
  const cloudflare: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("challenges.cloudflare.com")) cloudflare.push(request.url());
  });
  // The suite's own server, which has no Turnstile keys.
  await page.goto("/");
  await expect(page.getByRole("heading", { name: en.onboarding.title })).toBeVisible();
  await page.goto("/sign-in");
  await expect(page.getByLabel(en.auth.emailLabel)).toBeVisible();
  expect(cloudflare).toEqual([]);
});
