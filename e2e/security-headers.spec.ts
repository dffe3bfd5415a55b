import { expect, type Page, type Response, test } from "@playwright/test";
import en from "../messages/en.json" with { type: "json" };
import { randomAddress } from "../scripts/test-support/e2e/people";
import { seededPerson } from "../scripts/test-support/e2e/seeded";
import { playResultVideo } from "../scripts/test-support/e2e/video";

/**
 * Security headers (issue #8 item 5) on the built app: every page has a Content-Security-Policy
 * with a fresh nonce that its every script carries, nothing breaks the policy while pages load,
 * hydrate and are used, and API answers have their own empty policy.
 */

const TEXT_MODEL = "ltx-2-fast";

test.use({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
// Each test loads several pages on a machine that may be busy.
test.setTimeout(240_000);

type Recorded = { violations: string[]; themeAtBody: string | null };

/** Records policy violations in the page, and the theme the head scripts left before <body>. */
async function watchPage(page: Page): Promise<string[]> {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to|Permissions-Policy/i.test(text)) consoleErrors.push(text);
  });
  await page.addInitScript(() => {
    const recorded: Recorded = { violations: [], themeAtBody: null };
    (window as unknown as { __recorded: Recorded }).__recorded = recorded;
    document.addEventListener("securitypolicyviolation", (event) => {
      const where = `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`;
      recorded.violations.push(`${event.effectiveDirective} blocked ${event.blockedURI} at ${where}`);
    });
    const observer = new MutationObserver(() => {
      if (!document.body) return;
      recorded.themeAtBody = document.documentElement.getAttribute("data-theme");
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  return consoleErrors;
}

const recorded = (page: Page) =>
  page.evaluate(() => (window as unknown as { __recorded: Recorded }).__recorded);

/** The policy as directive name → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources] as [string, string[]]),
  );
}

/** Checks the page's policy and that every script in its HTML carries the nonce; returns it. */
async function expectNoncedPage(response: Response | null): Promise<string> {
  expect(response).not.toBeNull();
  const headers = (response as Response).headers();
  const policy = directives(headers["content-security-policy"] ?? "");
  const scripts = policy.get("script-src") ?? [];
  const nonce = scripts.find((source) => source.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce, `no nonce in ${headers["content-security-policy"]}`).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
  expect(scripts).toContain("'strict-dynamic'");
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  // Over plain http the upgrade would send every request to a port that is not there.
  expect(policy.has("upgrade-insecure-requests")).toBe(false);
  expect(headers["x-frame-options"]).toBe("DENY");

  const html = await (response as Response).text();
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(2);
  for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
  return nonce as string;
}

async function expectNoViolations(page: Page, consoleErrors: string[]) {
  expect((await recorded(page)).violations).toEqual([]);
  expect(consoleErrors).toEqual([]);
}

test.describe("pages", () => {
  // The worker would answer later pages from its caches; it has its own test below.
  test.use({ serviceWorkers: "block" });

  test("home: nonce on every script, the head scripts ran, a new nonce per load", async ({ page }) => {
    const consoleErrors = await watchPage(page);
    await page.addInitScript(() => localStorage.setItem("rendio.theme", "dark"));

    const nonce = await expectNoncedPage(await page.goto("/"));
    // The theme script ran before the body was parsed, so long before hydration.
    expect((await recorded(page)).themeAtBody).toBe("dark");
    // The install script's listener keeps an early install event for the app.
    const kept = await page.evaluate(() => {
      const event = new Event("beforeinstallprompt", { cancelable: true });
      window.dispatchEvent(event);
      return (window as unknown as Record<string, unknown>).__rendioInstallPrompt === event;
    });
    expect(kept).toBe(true);

    // A little use: start as a guest (a fetch), open a model (a client-side navigation), back.
    await page.getByRole("button", { name: en.onboarding.start }).click();
    await expect(page.getByRole("region", { name: en.banner.welcomeTitle })).toBeVisible();
    const models = page.getByRole("region", { name: en.home.allModels }).getByRole("listitem");
    await models.first().getByRole("link").first().click();
    await expect(page).toHaveURL(/\/create\//);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 30_000 });
    await page.goBack();
    await expect(models.first()).toBeVisible();
    await expectNoViolations(page, consoleErrors);

    const again = await expectNoncedPage(await page.reload());
    expect(again).not.toBe(nonce);
    await expect(models.first()).toBeVisible();
    await expectNoViolations(page, consoleErrors);
  });

  test("every other page, and a finished job with its video", async ({ page, context, baseURL }) => {
    const consoleErrors = await watchPage(page);
    // A guest with a finished video, seeded (scripts/test-support/e2e/seeded.ts).
    const jobId = (await seededPerson(context, baseURL)).jobs[0]?.id as string;
    const seen = new Set<string>();

    const visit = async (path: string, status: number) => {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(status);
      seen.add(await expectNoncedPage(response));
      await page.waitForLoadState("load");
      await expectNoViolations(page, consoleErrors);
    };

    await visit(`/create/${TEXT_MODEL}`, 200);
    await page.getByRole("textbox").first().fill("A red kite over a beach");
    await visit("/history", 200);
    await expect(page.getByTestId("history-card").first()).toBeVisible();
    await visit("/profile", 200);
    await visit("/sign-in", 200);
    await visit("/legal/privacy", 200);
    await visit("/offline", 200);
    await visit("/dev/outbox", 200);
    await visit("/no-such-page", 404);
    await visit(`/jobs/${crypto.randomUUID()}`, 404);

    // The finished job plays its video (media-src) with its poster (img-src).
    await visit(`/jobs/${jobId}`, 200);
    await playResultVideo(page);
    await expectNoViolations(page, consoleErrors);

    expect(seen.size, "a nonce was reused").toBe(10);
  });
});

test.describe("the service worker", () => {
  // The desktop project blocks workers (playwright.config.ts).
  test.use({ serviceWorkers: "allow" });

  test("the service worker registers and controls the page under the policy", async ({ page }) => {
    const consoleErrors = await watchPage(page);
    await expectNoncedPage(await page.goto("/"));
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expectNoViolations(page, consoleErrors);
  });
});

test("API answers have their own empty policy; HSTS is sent in production; chunks carry nosniff only", async ({
  request,
}) => {
  for (const path of ["/api/health", `/api/models/${TEXT_MODEL}`, "/api/no-such-route"]) {
    const headers = (await request.get(path)).headers();
    expect(headers["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    // The e2e server is `next start` (production) over http, where browsers ignore HSTS; behind
    // https it takes effect. Sent always in production, so no proxy header has to be trusted.
    expect(headers["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  }
  const page = (await request.get("/")).headers();
  expect(page["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  expect(page["permissions-policy"]).toContain("camera=()");

  // The worker keeps its own strict policy.
  const worker = (await request.get("/sw.js")).headers();
  expect(worker["content-security-policy"]).toBe("default-src 'self'; script-src 'self'; connect-src 'self'");

  // The build's chunks: nosniff, and none of the document policies (bytes on every first load).
  const html = await (await request.get("/")).text();
  const chunk = html.match(/\/_next\/static\/[^"]+\.js/)?.[0];
  expect(chunk).toBeTruthy();
  const asset = (await request.get(chunk as string)).headers();
  expect(asset["x-content-type-options"]).toBe("nosniff");
  for (const name of [
    "permissions-policy",
    "x-frame-options",
    "referrer-policy",
    "content-security-policy",
  ]) {
    expect(asset[name], name).toBeUndefined();
  }
});
