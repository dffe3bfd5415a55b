import { expect, type Page, test } from "@playwright/test";
import en from "../messages/en.json" with { type: "json" };
import es from "../messages/es.json" with { type: "json" };
import tr from "../messages/tr.json" with { type: "json" };
import { expectNoSeriousViolationsInBothSchemes, switchColorScheme } from "../scripts/test-support/e2e/axe";
import { startGuest } from "../scripts/test-support/e2e/people";

// The browser locale drives Accept-Language (extraHTTPHeaders does not reach Chromium's navigations).
const cases = [
  { browserLocale: "en-US", lang: "en", messages: en },
  { browserLocale: "tr-TR", lang: "tr", messages: tr },
  { browserLocale: "es-419", lang: "es", messages: es },
];

async function expectHome(page: Page, lang: string, messages: typeof en) {
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(messages.app.name);
  await expect(page.getByRole("heading", { name: messages.home.allModels })).toBeVisible();
  await expect(page.getByRole("button", { name: messages.onboarding.start })).toBeVisible();
  await expect(page).toHaveTitle(messages.app.name);
}

for (const { browserLocale, lang, messages } of cases) {
  test.describe(`browser locale ${browserLocale}`, () => {
    test.use({ locale: browserLocale });

    test(`home renders in ${lang}`, async ({ page }) => {
      await page.goto("/");
      await expectHome(page, lang, messages);
    });
  });
}

test.describe("saved language", () => {
  test.use({ locale: "tr-TR" });

  test("the NEXT_LOCALE cookie wins over Accept-Language", async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "es", url: baseURL }]);
    await page.goto("/");
    await expectHome(page, "es", es);
  });

  test("an unknown cookie value falls back to Accept-Language", async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "de", url: baseURL }]);
    await page.goto("/");
    await expectHome(page, "tr", tr);
  });
});

test("responses carry the security headers and no X-Powered-By", async ({ page }) => {
  const response = await page.goto("/");
  const headers = response?.headers() ?? {};
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-powered-by"]).toBeUndefined();
});

test.describe("not found", () => {
  test.use({ locale: "tr-TR" });

  test("an unknown page is a localized 404 with a link home", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", "tr");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(tr.notFound.title);
    await page.getByRole("link", { name: tr.notFound.backHome }).click();
    await expect(page).toHaveURL("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(tr.app.name);
  });
});

test.describe("theme", () => {
  const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  test("follows the system setting unless data-theme forces one", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/");
    expect(await background(page)).toBe("rgb(13, 13, 15)");

    await page.evaluate(() => document.documentElement.setAttribute("data-theme", "light"));
    expect(await background(page)).toBe("rgb(248, 250, 252)");

    await page.emulateMedia({ colorScheme: "light" });
    await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"));
    expect(await background(page)).toBe("rgb(13, 13, 15)");
  });

  // Both schemes in one test: a page is loaded once and checked in light, then in dark.
  test("has no serious accessibility violations in light or dark mode", { tag: "@phone" }, async ({
    page,
  }) => {
    // Four axe runs (CPU-bound) in one test, beside another test on two cores.
    test.setTimeout(180_000);
    for (const path of ["/", "/no-such-page"]) {
      await switchColorScheme(page, "light");
      await page.goto(path);
      await expectNoSeriousViolationsInBothSchemes(page, path);
    }
  });
});

test.describe("search", () => {
  test("matches the starts of words: “kling” finds the Kling models, not “twinkling” lights", async ({
    page,
  }) => {
    await page.goto("/");
    const search = page.getByRole("searchbox", { name: en.home.searchLabel });
    const models = page.getByRole("region", { name: en.home.allModels }).getByRole("listitem");
    const themes = page.getByRole("region", { name: en.home.themes }).getByRole("link");
    await search.fill("kling");
    await expect(models).toHaveCount(2);
    for (const card of await models.all()) await expect(card).toContainText("Kling");
    await expect(themes).toHaveCount(0);
    await expect(page.getByRole("status").filter({ hasText: /results?$/ })).toHaveText("2 results");
    // The start of the word does find it.
    await search.fill("twink");
    await expect(themes).toHaveCount(1);
    await expect(themes.first()).toContainText("Christmas Magic");
    await expect(models).toHaveCount(0);
  });

  test("words typed before the page is interactive are searched for once it is", async ({ page }) => {
    // The page's scripts wait until the search has been typed into the server's field.
    let release = () => {};
    const typed = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route("**/_next/static/chunks/**/*.js", async (route) => {
      await typed;
      await route.continue();
    });
    await page.goto("/", { waitUntil: "domcontentloaded" });
    const search = page.getByRole("searchbox", { name: en.home.searchLabel });
    await search.fill("kling");
    release();
    const models = page.getByRole("region", { name: en.home.allModels }).getByRole("listitem");
    await expect(models).toHaveCount(2);
    await expect(search).toHaveValue("kling");
  });
});

test("a new guest's first Home makes no number or plural formatter while it loads and hydrates", async ({
  page,
}) => {
  // The first formatter loads the language's number data, tens of milliseconds on a phone inside
  // the hydration task: the server writes Home's sentences with numbers for the first paint.
  await page.addInitScript(() => {
    const made: string[] = [];
    Object.assign(window, { formattersMade: made });
    for (const name of [
      "NumberFormat",
      "PluralRules",
      "DateTimeFormat",
      "RelativeTimeFormat",
      "ListFormat",
    ] as const) {
      // Called with or without `new`, each counts. (One constructor's type stands for all five.)
      const counting: ProxyHandler<typeof Intl.NumberFormat> = {
        construct: (target, args, newTarget) => {
          made.push(name);
          return Reflect.construct(target, args, newTarget);
        },
        apply: (target, self, args) => {
          made.push(name);
          return Reflect.apply(target, self, args);
        },
      };
      const original = Intl[name] as unknown as typeof Intl.NumberFormat;
      Object.defineProperty(Intl, name, {
        value: new Proxy(original, counting),
        configurable: true,
        writable: true,
      });
    }
  });
  await startGuest(page.request);
  await page.goto("/");
  await expect(page.getByRole("region", { name: en.banner.welcomeTitle })).toContainText(
    "You have 10 free credits to start.",
  );
  // Hydrated: the carousel's play button answers (the suite's browsers ask for reduced motion).
  await page.getByRole("button", { name: en.home.play }).click();
  await expect(page.getByRole("button", { name: en.home.pause })).toBeVisible();
  expect(
    await page.evaluate(() => (window as unknown as { formattersMade: string[] }).formattersMade),
  ).toEqual([]);
});
