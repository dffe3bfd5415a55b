import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  expect as baseExpect,
  type Page,
  test,
} from "@playwright/test";
import en from "../messages/en.json" with { type: "json" };
import tr from "../messages/tr.json" with { type: "json" };
import { expectNoSeriousViolationsInBothSchemes, switchColorScheme } from "../scripts/test-support/e2e/axe";
import { randomAddress } from "../scripts/test-support/e2e/people";
import { userAgents } from "../scripts/test-support/user-agents";

/**
 * Issue #5 item 1, Install: the manifest, icons, apple meta tags and launch screens as served by
 * `next start`; the iOS how-to sheet (iPhone Safari user agent) and the Chromium install button.
 * Chromium's `beforeinstallprompt` cannot be triggered from a test, so it is dispatched with the
 * event's real shape (prompt(), userChoice) — the one edge this spec stands in for.
 */

const expect = baseExpect.configure({ timeout: 15_000 });
test.describe.configure({ timeout: 90_000 });

// ---------------------------------------------------------------------------------------------
// helpers

type Png = { width: number; height: number; colourType: number };

/** Width, height and colour type from a PNG's IHDR chunk (2 = RGB, no alpha; 6 = RGBA). */
function readPng(bytes: Buffer): Png {
  expect(bytes.subarray(0, 8).toString("hex"), "PNG signature").toBe("89504e470d0a1a0a");
  expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colourType: bytes.readUInt8(25) };
}

async function fetchPng(request: APIRequestContext, url: string): Promise<Png> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  expect(response.headers()["content-type"], url).toBe("image/png");
  return readPng(await response.body());
}

/** A launch image's media query → "points-wide points-high ratio", e.g. "393 852 3". */
function screenOf(media: string): string {
  const match =
    /device-width: (\d+)px\) and \(device-height: (\d+)px\) and \(-webkit-device-pixel-ratio: (\d)\)/.exec(
      media,
    );
  expect(match, media).not.toBeNull();
  return match?.slice(1).join(" ") ?? "";
}

/** "192x192" → { width: 192, height: 192 } */
function parseSizes(sizes: string) {
  const match = /^(\d+)x(\d+)$/.exec(sizes);
  expect(match, sizes).not.toBeNull();
  return { width: Number(match?.[1]), height: Number(match?.[2]) };
}

/** A started guest who has seen the welcome: the moment Home may offer the install. */
async function startedGuest(context: BrowserContext) {
  const response = await context.request.post("/api/session/guest");
  expect(response.status(), await response.text()).toBeLessThan(300);
  // Home was already visited with a session (the welcome is behind): the cookie Home sets.
  await context.addCookies([{ name: "rendio_home_seen", value: "1", url: baseUrlOf(context) }]);
}

function baseUrlOf(_context: BrowserContext): string {
  const url = test.info().project.use.baseURL;
  if (!url) throw new Error("no baseURL");
  return url;
}

type Installed = "no" | "display-mode" | "navigator.standalone";

/** An iPhone with Safari's user agent, optionally running as a home-screen app. */
async function iphone(browser: Browser, installed: Installed = "no"): Promise<BrowserContext> {
  const context = await browser.newContext({
    userAgent: userAgents.iphoneSafari,
    viewport: { width: 393, height: 852 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: "en-US",
    extraHTTPHeaders: { "x-forwarded-for": randomAddress() },
    // A clean device, whatever the project sets (the webkit project pre-dismisses the hint).
    storageState: { cookies: [], origins: [] },
  });
  if (installed === "display-mode") {
    await context.addInitScript(() => {
      const original = window.matchMedia.bind(window);
      window.matchMedia = (query: string) => {
        const list = original(query);
        if (query === "(display-mode: standalone)") Object.defineProperty(list, "matches", { value: true });
        return list;
      };
    });
  }
  if (installed === "navigator.standalone") {
    await context.addInitScript(() => Object.defineProperty(navigator, "standalone", { value: true }));
  }
  return context;
}

const sheet = (page: Page) => page.getByRole("dialog", { name: en.install.iosTitle });
const modelGrid = (page: Page) => page.getByRole("region", { name: en.home.allModels }).getByRole("listitem");
const installRow = (page: Page) => page.getByRole("button", { name: new RegExp(`^${en.install.install}`) });
const tab = (page: Page, name: string) =>
  page.getByRole("navigation", { name: en.nav.label }).getByRole("link", { name });

/** Client-side navigation to Profile and back: proves the page is hydrated before an absence is read. */
async function visitProfile(page: Page) {
  await tab(page, en.tab.profile).click();
  await expect(page.getByRole("heading", { name: en.profile.settingsTitle })).toBeVisible();
}

// ---------------------------------------------------------------------------------------------
// manifest, icons, meta tags

test.describe("manifest and icons", () => {
  test("the manifest is served as application/manifest+json with every install field", async ({
    request,
  }) => {
    const response = await request.get("/manifest.webmanifest");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^application\/manifest\+json/);
    const manifest = JSON.parse(await response.text());

    expect(manifest).toMatchObject({
      id: "/",
      name: en.app.name,
      short_name: en.install.shortName,
      description: en.app.description,
      start_url: "/",
      scope: "/",
      display: "standalone",
      theme_color: "#f8fafc",
      background_color: "#f8fafc",
      color_scheme_dark: { theme_color: "#0d0d0f", background_color: "#0d0d0f" },
    });
    expect(manifest.orientation).toEqual(expect.any(String));
    expect(manifest.categories.length).toBeGreaterThan(0);

    const icons: { src: string; sizes: string; type: string; purpose: string }[] = manifest.icons;
    const iconKeys = icons.map((i) => `${i.sizes} ${i.purpose}`);
    expect(iconKeys).toEqual(expect.arrayContaining(["192x192 any", "512x512 any", "512x512 maskable"]));
    for (const icon of icons) {
      const png = await fetchPng(request, icon.src);
      expect({ width: png.width, height: png.height }, icon.src).toEqual(parseSizes(icon.sizes));
      // A maskable icon is cut to any shape: it must be full-bleed, with no transparent pixels.
      if (icon.purpose === "maskable") expect(png.colourType, icon.src).toBe(2);
    }

    const screenshots: { src: string; sizes: string; form_factor: string }[] = manifest.screenshots;
    expect(screenshots.map((s) => s.form_factor).sort()).toEqual(["narrow", "wide"]);
    for (const shot of screenshots) {
      const png = await fetchPng(request, shot.src);
      const size = parseSizes(shot.sizes);
      expect({ width: png.width, height: png.height }, shot.src).toEqual(size);
      if (shot.form_factor === "narrow") expect(size.height).toBeGreaterThan(size.width);
      else expect(size.width).toBeGreaterThan(size.height);
    }
  });

  test("the manifest speaks the visitor's language; its start URL and id stay the same", async ({
    playwright,
    baseURL,
  }) => {
    const turkish = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { "accept-language": "tr-TR,tr;q=0.9" },
    });
    const manifest = await (await turkish.get("/manifest.webmanifest")).json();
    expect(manifest.description).toBe(tr.app.description);
    expect(manifest.screenshots[0].label).toBe(tr.app.tagline);
    expect(manifest).toMatchObject({ id: "/", start_url: "/", scope: "/" });
    await turkish.dispose();
  });

  test("the page carries the iOS meta tags, the touch icon and, on an iPhone, a launch screen per iPhone", async ({
    browser,
    page,
    request,
  }) => {
    // Nothing but iOS reads the launch screens: other browsers' pages leave them out.
    await page.goto("/");
    await expect(page.locator('head meta[name="apple-mobile-web-app-capable"]')).toHaveAttribute(
      "content",
      "yes",
    );
    await expect(page.locator('head link[rel="apple-touch-startup-image"]')).toHaveCount(0);

    const context = await iphone(browser);
    const phone = await context.newPage();
    await phone.goto("/");
    const head = phone.locator("head");
    await expect(head.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
    await expect(head.locator('meta[name="apple-mobile-web-app-capable"]')).toHaveAttribute("content", "yes");
    await expect(head.locator('meta[name="apple-mobile-web-app-status-bar-style"]')).toHaveAttribute(
      "content",
      /^(default|black|black-translucent)$/,
    );
    await expect(head.locator('meta[name="apple-mobile-web-app-title"]')).toHaveAttribute(
      "content",
      en.install.shortName,
    );
    await expect(head.locator('meta[name="viewport"]')).toHaveAttribute("content", /viewport-fit=cover/);
    await expect(
      head.locator('meta[name="theme-color"][media="(prefers-color-scheme: light)"]'),
    ).toHaveAttribute("content", "#f8fafc");
    await expect(
      head.locator('meta[name="theme-color"][media="(prefers-color-scheme: dark)"]'),
    ).toHaveAttribute("content", "#0d0d0f");

    const touchIcon = head.locator('link[rel="apple-touch-icon"]');
    await expect(touchIcon).toHaveCount(1);
    const touchPng = await fetchPng(request, (await touchIcon.getAttribute("href")) ?? "");
    // 180×180 and opaque: iOS fills transparent pixels with black.
    expect(touchPng).toEqual({ width: 180, height: 180, colourType: 2 });

    const links = await head
      .locator('link[rel="apple-touch-startup-image"]')
      .evaluateAll((nodes) =>
        nodes.map((n) => ({ href: n.getAttribute("href") ?? "", media: n.getAttribute("media") ?? "" })),
      );
    const dark = links.filter((l) => l.media.includes("(prefers-color-scheme: dark)"));
    const light = links.filter((l) => !l.media.includes("prefers-color-scheme"));
    expect(light.length).toBeGreaterThanOrEqual(10);
    expect(dark.length).toBe(light.length);
    // Every current iPhone screen (points × ratio): SE, 12/13/14, 14 Plus, 14/15/16, 14/15 Pro Max, 16 Pro, 16 Pro Max.
    const screens = light.map((l) => screenOf(l.media));
    for (const screen of [
      "375 667 2",
      "390 844 3",
      "428 926 3",
      "393 852 3",
      "430 932 3",
      "402 874 3",
      "440 956 3",
    ]) {
      expect(screens).toContain(screen);
    }
    for (const { href, media } of links) {
      expect(media, href).toContain("(orientation: portrait)");
      const [width, height, ratio] = screenOf(media).split(" ").map(Number) as [number, number, number];
      const png = await fetchPng(request, href);
      expect({ width: png.width, height: png.height }, href).toEqual({
        width: width * ratio,
        height: height * ratio,
      });
      expect(png.colourType, href).toBe(2);
    }
    await context.close();
  });
});

/** Init script: fires Chromium's install event (its real shape) as soon as the page parses. */
function dispatchInstallEvent(outcome: string) {
  document.addEventListener("readystatechange", () => {
    if (document.readyState !== "interactive") return;
    const event = Object.assign(new Event("beforeinstallprompt", { cancelable: true }), {
      prompt: async () => ({ outcome }),
      userChoice: Promise.resolve({ outcome, platform: "web" }),
    });
    window.dispatchEvent(event);
  });
}

// ---------------------------------------------------------------------------------------------
// iOS: the how-to sheet

test.describe("iOS Safari install sheet", () => {
  test("not during onboarding: a first visit and its welcome get no sheet", async ({ browser }) => {
    const context = await iphone(browser);
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("button", { name: en.onboarding.start }).click();
    await expect(page.getByRole("region", { name: en.banner.welcomeTitle })).toBeVisible();
    await expect(sheet(page)).toHaveCount(0);
    await context.close();
  });

  test("shows once after onboarding, passes axe in both themes, and never again once closed", async ({
    browser,
  }) => {
    // axe is CPU-bound, and shares two cores with another test.
    test.setTimeout(180_000);
    const context = await iphone(browser);
    await startedGuest(context);
    const page = await context.newPage();
    await page.goto("/");

    await expect(sheet(page)).toBeVisible();
    await expect(sheet(page)).toContainText("Add to Home Screen");
    await expect(sheet(page).getByRole("listitem")).toHaveCount(3);
    // Share's own symbol is drawn inline in the first step.
    await expect(sheet(page).getByRole("listitem").first().locator("svg")).toHaveCount(1);
    // A modal: focus is inside it.
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest("dialog"))).toBe(true);

    await expectNoSeriousViolationsInBothSchemes(page, "install sheet");
    await switchColorScheme(page, "light");

    await sheet(page).getByRole("button", { name: en.install.gotIt }).click();
    await expect(sheet(page)).toHaveCount(0);
    expect(await page.evaluate(() => localStorage.getItem("rendio.installHintDismissed"))).toBe("1");

    // Never again unasked: not after a reload, not when Home is shown again…
    await page.reload();
    await expect(modelGrid(page).first()).toBeVisible();
    await visitProfile(page);
    await tab(page, en.tab.home).click();
    await expect(modelGrid(page).first()).toBeVisible();
    await expect(sheet(page)).toHaveCount(0);

    // …but Profile's row still explains it on request.
    await visitProfile(page);
    await installRow(page).click();
    await expect(sheet(page)).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(sheet(page)).toHaveCount(0);
    await context.close();
  });

  test("one prompt at a time: with the browser's install event too, only the sheet shows; closing it ends both", async ({
    browser,
  }) => {
    const context = await iphone(browser);
    await startedGuest(context);
    // An install event as early as the browser can fire it (the capture script in the head keeps it).
    await context.addInitScript(dispatchInstallEvent, "accepted" as string);
    const page = await context.newPage();
    await page.goto("/");
    await expect(sheet(page)).toBeVisible();
    await expect(installCard(page)).toHaveCount(0);

    await sheet(page).getByRole("button", { name: en.install.gotIt }).click();
    await expect(sheet(page)).toHaveCount(0);
    await expect(installCard(page)).toHaveCount(0);

    // Closed once is closed for both: the next visit has neither.
    await page.reload();
    await expect(modelGrid(page).first()).toBeVisible();
    await visitProfile(page);
    await expect(installRow(page)).toBeVisible();
    await tab(page, en.tab.home).click();
    await expect(modelGrid(page).first()).toBeVisible();
    await expect(sheet(page)).toHaveCount(0);
    await expect(installCard(page)).toHaveCount(0);
    await context.close();
  });

  test("not over the welcome: a new guest's first Home has the welcome banner and no install prompt", async ({
    browser,
  }) => {
    const context = await iphone(browser);
    await context.request.post("/api/session/guest");
    await context.addInitScript(dispatchInstallEvent, "accepted" as string);
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.getByRole("region", { name: en.banner.welcomeTitle })).toBeVisible();
    await visitProfile(page);
    await tab(page, en.tab.home).click();
    await expect(modelGrid(page).first()).toBeVisible();
    await expect(sheet(page)).toHaveCount(0);
    await expect(installCard(page)).toHaveCount(0);
    await context.close();
  });

  for (const installed of ["display-mode", "navigator.standalone"] as const) {
    test(`is never shown in the installed app (${installed})`, async ({ browser }) => {
      const context = await iphone(browser, installed);
      await startedGuest(context);
      const page = await context.newPage();
      await page.goto("/");
      await expect(modelGrid(page).first()).toBeVisible();
      await visitProfile(page);
      await expect(installRow(page)).toHaveCount(0);
      await tab(page, en.tab.home).click();
      await expect(modelGrid(page).first()).toBeVisible();
      await expect(sheet(page)).toHaveCount(0);
      await context.close();
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Chromium: the install button

/** Dispatches Chromium's install event with its real shape; prompt() calls are counted on window. */
async function offerInstall(page: Page, outcome: "accepted" | "dismissed"): Promise<boolean> {
  return page.evaluate((choice) => {
    const w = window as unknown as { installPrompts: number };
    w.installPrompts = 0;
    const event = Object.assign(new Event("beforeinstallprompt", { cancelable: true }), {
      prompt: async () => {
        w.installPrompts += 1;
        return { outcome: choice };
      },
      userChoice: Promise.resolve({ outcome: choice, platform: "web" }),
    });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  }, outcome);
}

const prompts = (page: Page) =>
  page.evaluate(() => (window as unknown as { installPrompts: number }).installPrompts);
const installCard = (page: Page) => page.getByRole("region", { name: en.install.cardTitle });

test.describe("Chromium install button", () => {
  test.use({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });

  test.beforeEach(async ({ context, page }) => {
    await startedGuest(context);
    await page.goto("/");
    await expect(modelGrid(page).first()).toBeVisible();
    await page.waitForLoadState("load");
  });

  test("appears when the browser offers the install and opens its prompt from the button", async ({
    page,
  }) => {
    await expect(installCard(page)).toHaveCount(0);
    // The app keeps Chromium's own mini-infobar away and offers the install itself.
    expect(await offerInstall(page, "accepted")).toBe(true);
    await expect(installCard(page)).toBeVisible();
    await expectNoSeriousViolationsInBothSchemes(page, "install card");

    await installCard(page).getByRole("button", { name: en.install.install }).click();
    await expect.poll(() => prompts(page)).toBe(1);
    // The event works once: the card goes, and the installed app announces itself.
    await expect(installCard(page)).toHaveCount(0);
    await page.evaluate(() => window.dispatchEvent(new Event("appinstalled")));
    await visitProfile(page);
    await expect(installRow(page)).toHaveCount(0);
  });

  test("disappears when the app is installed from the browser's own menu", async ({ page }) => {
    await offerInstall(page, "accepted");
    await expect(installCard(page)).toBeVisible();
    await page.evaluate(() => window.dispatchEvent(new Event("appinstalled")));
    await expect(installCard(page)).toHaveCount(0);
    expect(await prompts(page)).toBe(0);
  });

  test("a refused prompt or Not now ends the Home hint; Profile can still install", async ({ page }) => {
    await offerInstall(page, "dismissed");
    await installCard(page).getByRole("button", { name: en.install.install }).click();
    await expect.poll(() => prompts(page)).toBe(1);
    await expect(installCard(page)).toHaveCount(0);
    expect(await page.evaluate(() => localStorage.getItem("rendio.installHintDismissed"))).toBe("1");

    // The browser offers it again on a later visit: Home stays quiet, Profile offers the button.
    await page.reload();
    await expect(modelGrid(page).first()).toBeVisible();
    await page.waitForLoadState("load");
    await offerInstall(page, "accepted");
    await visitProfile(page);
    await installRow(page).click();
    await expect.poll(() => prompts(page)).toBe(1);
    await expect(installRow(page)).toHaveCount(0);
    await tab(page, en.tab.home).click();
    await expect(modelGrid(page).first()).toBeVisible();
    await expect(installCard(page)).toHaveCount(0);
  });

  test("Not now closes the card for good", async ({ page }) => {
    await offerInstall(page, "accepted");
    await installCard(page).getByRole("button", { name: en.install.notNow }).click();
    await expect(installCard(page)).toHaveCount(0);
    await page.reload();
    await expect(modelGrid(page).first()).toBeVisible();
    await page.waitForLoadState("load");
    await offerInstall(page, "accepted");
    await visitProfile(page);
    await expect(installRow(page)).toBeVisible();
    await tab(page, en.tab.home).click();
    await expect(modelGrid(page).first()).toBeVisible();
    await expect(installCard(page)).toHaveCount(0);
    expect(await prompts(page)).toBe(0);
  });
});
