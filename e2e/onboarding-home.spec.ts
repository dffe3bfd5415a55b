import { type APIRequestContext, expect, type Page, type TestInfo, test } from "@playwright/test";
import en from "../messages/en.json" with { type: "json" };
import tr from "../messages/tr.json" with { type: "json" };
import { expectNoSeriousViolationsInBothSchemes, switchColorScheme } from "../scripts/test-support/e2e/axe";
import { holdPageCode, isPageCode } from "../scripts/test-support/e2e/page-code";
import { newEmail, randomAddress, signInWithEmail, startGuest } from "../scripts/test-support/e2e/people";
import { seededPerson } from "../scripts/test-support/e2e/seeded";

// Issue #3: onboarding, the app shell and Home. The app allows 50 new guests per address per
// hour, so only the tests that must go through "Start creating" create one (5 per project).

type CatalogModel = { slug: string; name: string; isFeatured: boolean; minCredits: number };
type CatalogTheme = { slug: string; modelId: string | null };
type Catalog = { models: (CatalogModel & { id: string })[]; themes: CatalogTheme[] };

async function catalog(request: APIRequestContext, locale = "en"): Promise<Catalog> {
  const response = await request.get(`/api/models?locale=${locale}`);
  expect(response.ok()).toBe(true);
  return response.json();
}

async function popularPack(request: APIRequestContext): Promise<{ id: string }> {
  const response = await request.get("/api/credits/products");
  expect(response.ok()).toBe(true);
  const { products } = await response.json();
  return products.find((p: { isPopular: boolean }) => p.isPopular);
}

const isPhone = (testInfo: TestInfo) => testInfo.project.name.includes("mobile");

/** The credit badge: its accessible name carries the balance, its text is the number. */
const badge = (page: Page, credits: number) =>
  page.getByRole("link", {
    name: `Balance: ${credits} ${credits === 1 ? "credit" : "credits"}. Get more credits`,
  });

const welcomeHeading = (page: Page) => page.getByRole("heading", { name: en.onboarding.title });
const welcomeBanner = (page: Page) => page.getByRole("region", { name: en.banner.welcomeTitle });
const modelGrid = (page: Page) => page.getByRole("region", { name: en.home.allModels }).getByRole("listitem");

test.describe("first visit", () => {
  test("welcome → Start creating → 10 credits; the welcome banner shows until dismissed", async ({
    page,
  }) => {
    await page.goto("/");
    await expect(welcomeHeading(page)).toBeVisible();
    await expect(page.getByText(en.onboarding.perkCredits)).toBeVisible();
    // Not a splash: the catalog is already there.
    await expect(modelGrid(page).first()).toBeVisible();

    await page.getByRole("button", { name: en.onboarding.start }).click();
    await expect(badge(page, 10)).toHaveText("10");
    await expect(badge(page, 10)).toHaveAttribute("href", "/profile?buy=1");
    await expect(welcomeHeading(page)).toHaveCount(0);
    await expect(welcomeBanner(page)).toContainText("You have 10 free credits to start.");
    // Focus moves from the vanished button to the banner that replaced it.
    await expect(page.locator("#welcome-banner")).toBeFocused();

    await welcomeBanner(page).getByRole("button", { name: en.common.close }).click();
    await expect(welcomeBanner(page)).toHaveCount(0);

    // Reload: the session is kept (no welcome card) and the banner, shown once, is not back.
    await page.reload();
    await expect(badge(page, 10)).toBeVisible();
    await expect(modelGrid(page).first()).toBeVisible();
    await expect(page.getByRole("button", { name: en.onboarding.start })).toHaveCount(0);
    await expect(welcomeHeading(page)).toHaveCount(0);
    await expect(welcomeBanner(page)).toHaveCount(0);
  });

  test("a new guest's welcome banner is in the server's HTML, shown once, with nothing inserted after hydration", async ({
    page,
  }) => {
    await startGuest(page.request);
    // The server decides: the page as first sent already holds the banner (no layout shift).
    const html = await (await page.request.get("/")).text();
    expect(html.includes('id="welcome-banner"'), "the banner in the HTML as sent").toBe(true);

    await page.addInitScript(() => {
      const w = window as unknown as { bannerAtParse?: boolean };
      document.addEventListener("DOMContentLoaded", () => {
        w.bannerAtParse = !!document.getElementById("welcome-banner");
      });
    });
    await page.goto("/");
    await expect(welcomeBanner(page)).toContainText("You have 10 free credits to start.");
    expect(await page.evaluate(() => (window as unknown as { bannerAtParse?: boolean }).bannerAtParse)).toBe(
      true,
    );

    // Once the page is running it marks this browser as having been on Home.
    await expect
      .poll(async () => (await page.context().cookies()).some((c) => c.name === "rendio_home_seen"))
      .toBe(true);
    // Shown once: the next visit (no dismissal) has no banner, in the HTML or after hydration.
    await page.reload();
    await expect(badge(page, 10)).toBeVisible();
    await expect(modelGrid(page).first()).toBeVisible();
    await expect(welcomeBanner(page)).toHaveCount(0);
    const later = await (await page.request.get("/")).text();
    expect(later.includes('id="welcome-banner"'), "the banner in the HTML of the next visit").toBe(false);
  });

  test("a returning signed-in person with a purchase and a video is never greeted as new", async ({
    page,
    context,
    baseURL,
    browser,
  }) => {
    test.setTimeout(150_000);
    // A guest with finished videos (seeded: scripts/test-support/e2e/seeded.ts) signs in and keeps them.
    await seededPerson(context, baseURL);
    const email = newEmail();
    await signInWithEmail(page.request, email);
    expect((await (await page.request.get("/api/jobs")).json()).jobs.length).toBeGreaterThan(0);
    const bought = await page.request.post("/api/credits/checkout", {
      data: { productId: (await popularPack(page.request)).id },
      headers: { "idempotency-key": crypto.randomUUID() },
    });
    expect(bought.status(), await bought.text()).toBe(200);

    // This browser, and another one the person signs in on (nothing kept on that device).
    const other = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
    await startGuest(other.request);
    await signInWithEmail(other.request, email);
    for (const visitor of [page, await other.newPage()]) {
      for (let visit = 0; visit < 2; visit++) {
        // One retry: a kept-alive socket the server already closed reads as ECONNRESET under load.
        const html = await (await visitor.request.get("/").catch(() => visitor.request.get("/"))).text();
        expect(html.includes('id="welcome-banner"'), "the banner in the HTML as sent").toBe(false);
        await visitor.goto("/");
        await expect(visitor.getByRole("link", { name: /^Balance: \d+ credits/ })).toBeVisible();
        await expect(modelGrid(visitor).first()).toBeVisible();
        await expect(welcomeHeading(visitor)).toHaveCount(0);
        await expect(welcomeBanner(visitor)).toHaveCount(0);
        await expect(visitor.getByText(/free credits/)).toHaveCount(0);
      }
    }
    await other.close();
  });

  test("a failed start shows a banner with Retry and the catalog stays usable", async ({ page }) => {
    let failing = true;
    await page.route("**/api/session/guest", (route) =>
      failing
        ? route.fulfill({
            status: 503,
            json: { error: { code: "service_unavailable", message: "raw server text" } },
          })
        : route.continue(),
    );
    await page.goto("/");
    await page.getByRole("button", { name: en.onboarding.start }).click();

    const alert = page.getByRole("alert").filter({ hasText: en.onboarding.errorTitle });
    await expect(alert).toContainText(en.errors.service_unavailable);
    await expect(alert).toContainText(en.onboarding.browseHint);
    await expect(alert).not.toContainText("raw server text");
    await expect(welcomeHeading(page)).toBeVisible();
    await expect(modelGrid(page).first().getByRole("link")).toHaveAttribute("href", /^\/create\//);

    failing = false;
    await alert.getByRole("button", { name: en.common.retry }).click();
    await expect(badge(page, 10)).toBeVisible();
    await expect(alert).toHaveCount(0);
    await expect(welcomeHeading(page)).toHaveCount(0);
  });

  test.describe("before the page's code has loaded", () => {
    // A guest of its own address, so this start does not count against the suite's hourly limit.
    test.use({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });

    test("a tap on Start creating is kept and answered once the code runs", async ({ page }) => {
      // The page's scripts wait; its HTML, styles and inline scripts do not.
      const letCodeLoad = await holdPageCode(page);
      await page.goto("/", { waitUntil: "domcontentloaded" });
      const start = page.getByRole("button", { name: en.onboarding.start });
      await start.click();
      await start.click();
      // No code has run: the welcome card is still there, and the browser did not submit or leave.
      await expect(welcomeHeading(page)).toBeVisible();
      expect(new URL(page.url()).pathname).toBe("/");

      letCodeLoad();
      await expect(badge(page, 10)).toHaveText("10");
      await expect(welcomeHeading(page)).toHaveCount(0);
      await expect(welcomeBanner(page)).toContainText("You have 10 free credits to start.");
    });

    test("a plain form's button (its own action, like Sign in with Apple) still submits at once", async ({
      page,
    }) => {
      await page.route(isPageCode, (route) => route.abort()); // the page's code never arrives
      await page.goto("/", { waitUntil: "domcontentloaded" });
      await page.evaluate(() => {
        const form = document.createElement("form");
        form.method = "get";
        form.action = "/history";
        form.innerHTML = '<button type="submit">Plain submit</button>';
        document.body.prepend(form);
      });
      await page.getByRole("button", { name: "Plain submit" }).click();
      await expect(page).toHaveURL(/\/history\?$/);
    });
  });
});

test.describe("catalog", () => {
  test("model cards and theme presets link to the create screen", async ({ page, request }) => {
    const data = await catalog(request);
    await page.goto("/");
    const cards = modelGrid(page);
    await expect(cards).toHaveCount(data.models.length);
    for (const [i, model] of data.models.entries()) {
      const link = cards.nth(i).getByRole("link");
      await expect(link).toHaveAttribute("href", `/create/${model.slug}`);
      await expect(link).toContainText(model.name);
      await expect(link).toContainText(`from ${model.minCredits} credit`);
    }
    const themes = page.getByRole("region", { name: en.home.themes }).getByRole("link");
    await expect(themes).toHaveCount(data.themes.length);
    const first = data.themes[0];
    const target = data.models.find((m) => m.id === first?.modelId) ?? data.models[0];
    await expect(themes.first()).toHaveAttribute("href", `/create/${target?.slug}?theme=${first?.slug}`);
  });

  test("search filters the cards and shows an empty state with no match", async ({ page, request }) => {
    const data = await catalog(request);
    await page.goto("/");
    const search = page.getByRole("searchbox", { name: en.home.searchLabel });
    await expect(modelGrid(page)).toHaveCount(data.models.length);

    await search.fill("SORA");
    const soras = data.models.filter((m) => /sora/i.test(m.name)).length;
    await expect(modelGrid(page)).toHaveCount(soras);
    for (const card of await modelGrid(page).all()) await expect(card).toContainText(/sora/i);
    await expect(page.locator('[aria-roledescription="carousel"]')).toHaveCount(0);
    await expect(page.getByRole("status").filter({ hasText: /results?$/ })).toHaveText(`${soras} results`);

    await search.fill("zzqx");
    await expect(page.getByText("No matches for “zzqx”")).toBeVisible();
    await expect(page.getByText(en.home.noResultsBody)).toBeVisible();
    await expect(modelGrid(page)).toHaveCount(0);

    await page.getByRole("button", { name: en.home.clearSearch }).first().click();
    await expect(search).toHaveValue("");
    await expect(modelGrid(page)).toHaveCount(data.models.length);
    await expect(page.locator('[aria-roledescription="carousel"]')).toBeVisible();
  });

  test("the refresh control reloads the catalog; the browser draws its cards, words and all", async ({
    page,
    request,
  }) => {
    const { models } = await catalog(request);
    const first = models[0];
    const featured = models.filter((m) => m.isFeatured);
    await page.goto("/");
    await expect(modelGrid(page).first()).toBeVisible();
    const reload = page.waitForResponse((r) => r.url().includes("/api/models?locale=en") && r.ok());
    await page.getByRole("button", { name: en.home.refresh }).click();
    await reload;
    // The server's cards were for the catalog it read; these are drawn here (their code loads now).
    await expect(modelGrid(page)).toHaveCount(models.length);
    await expect(modelGrid(page).first()).toContainText(first?.name ?? "");
    await expect(modelGrid(page).first()).toContainText(`from ${first?.minCredits} credits`);
    await expect(page.getByRole("group", { name: `1 of ${featured.length}` })).toContainText(en.home.tryIt);
  });

  test("a catalog that fails to load shows an error with Retry", async ({ page }) => {
    // The server render has the catalog; make the browser's refresh fail instead.
    await page.route("**/api/models?*", (route) =>
      route.fulfill({ status: 404, json: { error: { code: "not_found", message: "x" } } }),
    );
    await page.goto("/");
    await page.getByRole("button", { name: en.home.refresh }).click();
    await expect(page.getByRole("alert").filter({ hasText: en.home.errorTitle })).toBeVisible();
    // What was loaded stays on screen.
    await expect(modelGrid(page).first()).toBeVisible();
  });
});

test.describe("featured carousel", () => {
  const carouselOf = (page: Page) => page.locator('[aria-roledescription="carousel"]');
  const dots = (page: Page) => carouselOf(page).getByRole("button", { name: /^Show slide/ });

  /** React has hydrated the carousel (its timers exist only from then on). */
  const hydrated = (page: Page) =>
    page.waitForFunction(() => {
      const carousel = document.querySelector('[aria-roledescription="carousel"]');
      return !!carousel && Object.keys(carousel).some((key) => key.startsWith("__reactFiber"));
    });

  /** Tells the page it was hidden or shown again, as switching tabs would. */
  const setVisibility = (page: Page, state: "hidden" | "visible") =>
    page.evaluate((value) => {
      Object.defineProperty(document, "visibilityState", { value, configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    }, state);

  /** The scroll the carousel started (a dot's, the timer's) has got where it was going. */
  const ownScrollOver = (page: Page) => expect(carouselOf(page)).toHaveAttribute("data-moving", "false");

  /** From now on, notes each dot that becomes the current one (see currentDotsSeen). */
  const watchCurrentDot = (page: Page) =>
    page.evaluate(() => {
      const carousel = document.querySelector('[aria-roledescription="carousel"]');
      if (!carousel) throw new Error("no carousel");
      const seen: number[] = [];
      (window as unknown as { currentDotsSeen: number[] }).currentDotsSeen = seen;
      new MutationObserver(() => {
        const dotButtons = Array.from(carousel.querySelectorAll('button[aria-label^="Show slide"]'));
        const current = dotButtons.findIndex((dot) => dot.getAttribute("aria-current") === "true");
        if (seen.at(-1) !== current) seen.push(current);
      }).observe(carousel, { subtree: true, attributeFilter: ["aria-current"] });
    });
  const currentDotsSeen = (page: Page) =>
    page.evaluate(() => (window as unknown as { currentDotsSeen: number[] }).currentDotsSeen);

  test("has one dot per featured model and advances every 5 s", async ({ page, request }) => {
    // Many steps, each waiting for the page: on a busy two-core machine this takes over a minute.
    test.slow();
    const featured = (await catalog(request)).models.filter((m) => m.isFeatured);
    expect(featured.length).toBeGreaterThan(2);
    // The page opens hidden, as in a background tab, so the carousel sets no timer before the
    // clock is paused (on a slow machine a page can take more than 5 s to get that far).
    await page.addInitScript(() =>
      Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true }),
    );
    await page.clock.install();
    await page.emulateMedia({ reducedMotion: "no-preference" });
    await page.goto("/");
    await hydrated(page);
    const carousel = carouselOf(page);
    await expect(carousel).toHaveAttribute("data-rotating", "false");
    // From here the page's clock moves only when the test says, so the 5 s are exact however
    // slow the machine is. The minute ahead only has to outlast this one call.
    await page.clock.pauseAt(await page.evaluate(() => Date.now() + 60_000));
    await setVisibility(page, "visible");
    // It only moves while on screen (it starts below the welcome card on a short desktop window).
    const box = await carousel.boundingBox();
    if (box && box.y >= (page.viewportSize()?.height ?? 0)) {
      await expect(carousel).toHaveAttribute("data-rotating", "false");
    }
    await carousel.scrollIntoViewIfNeeded();
    await expect(carousel).toHaveAttribute("data-rotating", "true");
    // The server render assumes reduced motion (a play button); the browser knows better.
    await expect(page.getByRole("button", { name: en.home.pause })).toBeVisible();
    await expect(dots(page)).toHaveCount(featured.length);
    await expect(dots(page).first()).toHaveAttribute("aria-current", "true");
    await expect(page.getByRole("group", { name: `1 of ${featured.length}` })).toContainText(
      featured[0]?.name ?? "",
    );

    await page.clock.runFor(4000);
    await expect(dots(page).first()).toHaveAttribute("aria-current", "true");
    // The dot moves when the carousel decides, and not back while the row scrolls there (the
    // smooth scroll runs on real time, as slowly as the machine makes it).
    await watchCurrentDot(page);
    await page.clock.runFor(1500);
    await expect(dots(page).nth(1)).toHaveAttribute("aria-current", "true");
    await expect(dots(page).first()).not.toHaveAttribute("aria-current", "true");
    const track = carousel.locator("[aria-live]");
    await ownScrollOver(page);
    expect(await track.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect(await currentDotsSeen(page)).toEqual([1]);

    // Not while the page is hidden.
    await setVisibility(page, "hidden");
    await expect(carousel).toHaveAttribute("data-rotating", "false");
    await page.clock.runFor(6000);
    await expect(dots(page).nth(1)).toHaveAttribute("aria-current", "true");
    await setVisibility(page, "visible");
    await expect(carousel).toHaveAttribute("data-rotating", "true");
    await page.clock.runFor(5500);
    await expect(dots(page).nth(2)).toHaveAttribute("aria-current", "true");
    await ownScrollOver(page);

    // A dot jumps to its slide; the pause button stops the rotation.
    await dots(page).first().click();
    await expect(dots(page).first()).toHaveAttribute("aria-current", "true");
    await ownScrollOver(page);
    await expect.poll(() => track.evaluate((el) => el.scrollLeft)).toBe(0);
    expect(await currentDotsSeen(page)).toEqual([1, 2, 0]);
    await page.getByRole("button", { name: en.home.pause }).click();
    await page.mouse.move(0, 0);
    await page.getByRole("searchbox").focus();
    await expect(carousel).toHaveAttribute("data-rotating", "false");
    await page.clock.runFor(11_000);
    await expect(dots(page).first()).toHaveAttribute("aria-current", "true");
    await expect(page.getByRole("button", { name: en.home.play })).toBeVisible();

    // A swipe moves the dots to the slide the row comes to rest on, with no time passing.
    await track.evaluate((el) => el.scrollTo({ left: el.scrollWidth, behavior: "auto" }));
    await expect(dots(page).last()).toHaveAttribute("aria-current", "true");
    await track.evaluate((el) => el.scrollTo({ left: 0, behavior: "auto" }));
    await expect(dots(page).first()).toHaveAttribute("aria-current", "true");
  });

  test("does not move by itself with reduced motion", async ({ page }) => {
    await page.clock.install();
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.goto("/");
    await hydrated(page);
    const carousel = page.locator('[aria-roledescription="carousel"]');
    await carousel.scrollIntoViewIfNeeded();
    await expect(carousel).toHaveAttribute("data-rotating", "false");
    await expect(dots(page).first()).toHaveAttribute("aria-current", "true");
    await expect(page.getByRole("button", { name: en.home.play })).toBeVisible();
    await page.clock.runFor(16_000);
    await expect(dots(page).first()).toHaveAttribute("aria-current", "true");
  });
});

test.describe("app shell", () => {
  test(
    "phones get a bottom tab bar, wide screens a top navigation",
    { tag: "@phone" },
    async ({ page }, testInfo) => {
      await page.goto("/");
      const nav = page.getByRole("navigation", { name: en.nav.label });
      await expect(nav).toHaveCount(1); // the other one is hidden at this width
      const box = await nav.boundingBox();
      const viewport = page.viewportSize();
      expect(box && viewport).toBeTruthy();
      if (box && viewport) {
        if (isPhone(testInfo)) expect(Math.round(box.y + box.height)).toBe(viewport.height);
        else expect(box.y).toBeLessThan(80);
      }
      await expect(nav.getByRole("link")).toHaveText([en.tab.home, en.tab.history, en.tab.profile]);
      await expect(nav.getByRole("link", { name: en.tab.home })).toHaveAttribute("aria-current", "page");

      await nav.getByRole("link", { name: en.tab.history }).click();
      await expect(page).toHaveURL("/history");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.tab.history);
      await expect(nav.getByRole("link", { name: en.tab.history })).toHaveAttribute("aria-current", "page");
      await expect(page.getByText(en.history.empty.title)).toBeVisible();

      await nav.getByRole("link", { name: en.tab.profile }).click();
      await expect(page).toHaveURL("/profile");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.tab.profile);
      await expect(page.getByText(en.nav.profile.signedOut)).toBeVisible();
      await expect(page.getByRole("link", { name: en.auth.haveAccount.signIn })).toHaveAttribute(
        "href",
        "/sign-in",
      );

      await page.getByRole("link", { name: en.nav.profile.start }).click();
      await expect(page).toHaveURL("/");
      await expect(nav.getByRole("link", { name: en.tab.home })).toHaveAttribute("aria-current", "page");
    },
  );

  test.describe("on a 360 px wide screen", () => {
    test.use({ viewport: { width: 360, height: 740 } });

    test("nothing overflows sideways", { tag: "@phone-only" }, async ({ page }) => {
      for (const path of ["/", "/history", "/profile"]) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, path).toBeLessThanOrEqual(0);
      }
    });
  });

  test("a theme saved on this device applies before the first paint", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.addInitScript(() => localStorage.setItem("rendio.theme", "dark"));
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      "rgb(13, 13, 15)",
    );
  });

  test("the skip link jumps to the content (a phone with a keyboard too)", { tag: "@phone" }, async ({
    page,
  }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: en.nav.skipToContent });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page.locator("#content")).toBeFocused();
  });
});

test.describe("credit banners", () => {
  test("a low balance warns, an empty one says so, both link to buying credits", async ({
    page,
    request,
  }) => {
    const cheapest = Math.min(...(await catalog(request)).models.map((m) => m.minCredits));
    let credits = 0;
    await page.route("**/api/me", (route) =>
      route.fulfill({
        json: {
          id: "00000000-0000-4000-8000-000000000001",
          isGuest: true,
          email: null,
          credits,
          language: "en",
          theme: "system",
          createdAt: new Date().toISOString(),
        },
      }),
    );
    await page.goto("/");
    const empty = page.getByRole("region", { name: en.banner.emptyTitle });
    await expect(empty).toContainText(en.banner.emptyBody);
    await expect(empty.getByRole("link", { name: en.banner.getCredits })).toHaveAttribute(
      "href",
      "/profile?buy=1",
    );
    await expect(badge(page, 0)).toHaveText("0");

    if (cheapest > 1) {
      credits = cheapest - 1;
      await page.getByRole("button", { name: en.home.refresh }).click();
      const low = page.getByRole("region", { name: en.banner.lowTitle });
      await expect(low).toContainText(`You have ${credits} credit`);
      await expect(low).toContainText(`the cheapest video costs ${cheapest} credits`);
      await expect(empty).toHaveCount(0);
      // The catalog's refresh has ended too (its cards redrawn) before the next tap.
      await expect(page.getByRole("region", { name: en.home.allModels })).not.toHaveAttribute(
        "aria-busy",
        "true",
      );
    }

    credits = cheapest;
    await page.getByRole("button", { name: en.home.refresh }).click();
    await expect(badge(page, cheapest)).toBeVisible();
    await expect(page.getByRole("region", { name: en.banner.lowTitle })).toHaveCount(0);
    await expect(empty).toHaveCount(0);
  });
});

test.describe("Turkish", () => {
  test.use({ locale: "tr-TR" });

  test("shows Turkish strings and pluralised credits", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "tr");
    await expect(page.getByRole("heading", { name: tr.onboarding.title })).toBeVisible();
    await expect(page.getByRole("heading", { name: tr.home.allModels })).toBeVisible();
    await expect(page.getByRole("searchbox", { name: tr.home.searchLabel })).toBeVisible();
    await expect(page.getByText(/^\d+ krediden başlar$/).first()).toBeVisible();

    await page.getByRole("button", { name: tr.onboarding.start }).click();
    const trBadge = page.getByRole("link", { name: "Bakiye: 10 kredi. Daha fazla kredi alın" });
    await expect(trBadge).toHaveText("10");
    const banner = page.getByRole("region", { name: tr.banner.welcomeTitle });
    await expect(banner).toContainText("Başlamak için 10 ücretsiz krediniz var.");

    // Leaving Home counts as having seen the banner.
    const nav = page.getByRole("navigation", { name: tr.nav.label });
    await nav.getByRole("link", { name: tr.tab.profile }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(tr.tab.profile);
    await expect(page.getByText("10 kredi", { exact: true })).toBeVisible();
    await expect(page.getByText("Türkçe")).toBeVisible();
    await nav.getByRole("link", { name: tr.tab.home }).click();
    await expect(trBadge).toBeVisible();
    await expect(banner).toHaveCount(0);
  });
});

// Both schemes in one test: each state is reached once and checked in light, then in dark.
test("no serious accessibility violations before and after onboarding (light and dark)", {
  tag: "@phone",
}, async ({ page }) => {
  // Eight axe runs (CPU-bound) in one test, beside another test on two cores.
  test.setTimeout(240_000);
  // Reduced motion: banners fading in would be measured half transparent.
  await page.emulateMedia({ colorScheme: "light", reducedMotion: "reduce" });
  await page.goto("/");
  await expect(welcomeHeading(page)).toBeVisible();
  await expectNoSeriousViolationsInBothSchemes(page, "home, new visitor");

  await page.getByRole("button", { name: en.onboarding.start }).click();
  await expect(badge(page, 10)).toBeVisible();
  await expect(welcomeBanner(page)).toBeVisible();
  await expectNoSeriousViolationsInBothSchemes(page, "home, after onboarding");

  await page.getByRole("searchbox", { name: en.home.searchLabel }).fill("zzqx");
  await expect(page.getByText("No matches for “zzqx”")).toBeVisible();
  await expectNoSeriousViolationsInBothSchemes(page, "home, no search results");

  // The new guest's Profile is the state profile.spec.ts's axe test checks, in both projects too.
  await switchColorScheme(page, "light");
  await page.goto("/history");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousViolationsInBothSchemes(page, "/history");
});
