import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import en from "../messages/en.json" with { type: "json" };
import tr from "../messages/tr.json" with { type: "json" };
import { seededPerson } from "../scripts/test-support/e2e/seeded";
import { cachedPaths, waitForController } from "../scripts/test-support/e2e/sw";

/**
 * Offline (issue #5 item 4) through the real service worker: pages seen online come back from
 * its caches with the network gone (home with its catalog, history with its last page, the
 * create screen with Generate disabled and why), a page never seen gets the offline page, and
 * coming back online hides the banner and refreshes the data.
 */

const TEXT_MODEL = "ltx-2-fast";

// Installing the worker precaches the app shell (~1 MB) before it can control a page.
test.setTimeout(120_000);

let address = 0;
test.beforeEach(async ({ context }, info) => {
  address += 1;
  const project = info.project.name === "chromium-mobile" ? 2 : 1;
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `10.53.${project}.${address}` });
});

async function createJob(request: APIRequestContext, prompt: string): Promise<string> {
  const model = await (await request.get(`/api/models/${TEXT_MODEL}`)).json();
  const response = await request.post("/api/jobs", {
    data: { modelId: model.model.id, prompt, settings: {} },
    headers: { "idempotency-key": crypto.randomUUID() },
  });
  expect(response.status(), await response.text()).toBe(202);
  return (await response.json()).job.id;
}

const banner = (page: Page) => page.getByTestId("offline-banner");

test("seen pages work offline, unseen ones get the offline page, and online refreshes", async ({
  page,
  context,
  baseURL,
}) => {
  // A guest with finished videos, seeded (scripts/test-support/e2e/seeded.ts).
  const firstPrompt = (await seededPerson(context, baseURL)).jobs[0]?.prompt as string;

  // Online: the worker takes control, then every page opened goes through its caches.
  await page.goto("/");
  await waitForController(page);
  await page.goto("/");
  await expect(page.getByText("LTX-2 Fast").first()).toBeVisible();
  await page.goto("/history");
  const firstCard = page.getByTestId("history-card").filter({ hasText: firstPrompt });
  await expect(firstCard).toBeVisible();
  await expect(firstCard.locator("img")).toHaveJSProperty("complete", true);
  // History starts from the page the server sent; it reads its list again when the tab comes back.
  await expect
    .poll(async () => {
      await page.evaluate(() => window.dispatchEvent(new Event("focus")));
      return cachedPaths(page, "rendio-history");
    })
    .toContain("/api/jobs?limit=20");
  await page.goto(`/create/${TEXT_MODEL}`);
  await expect(page.getByRole("heading", { level: 1, name: "LTX-2 Fast" })).toBeVisible();
  expect(await page.evaluate(async () => (await fetch("/api/models?locale=en")).status)).toBe(200);

  // The worker stores an answer after handing it over: wait for each cache to be written.
  await expect.poll(() => cachedPaths(page, "rendio-catalog")).toContain("/api/models?locale=en");
  await expect
    .poll(() => cachedPaths(page, "rendio-pages"))
    .toEqual(expect.arrayContaining(["/", "/history", `/create/${TEXT_MODEL}`]));
  await expect
    .poll(async () =>
      (await cachedPaths(page, "rendio-thumbnails")).some((path) =>
        /^\/api\/media\/thumbnails\/[^?]+\.jpg$/.test(path),
      ),
    )
    .toBe(true);

  await context.setOffline(true);

  // Home: the kept page with its catalog, and the banner.
  await page.goto("/");
  await expect(banner(page)).toContainText(en.pwa.offlineTitle);
  await expect(page.getByText("LTX-2 Fast").first()).toBeVisible();
  expect(await page.evaluate(async () => (await fetch("/api/models?locale=en")).status)).toBe(200);
  expect(await page.evaluate(async () => (await fetch("/api/me")).status).catch(() => "network error")).toBe(
    "network error",
  );

  // History: the last first page, thumbnail included.
  await page.goto("/history");
  await expect(banner(page)).toBeVisible();
  await expect(firstCard).toBeVisible();
  expect(
    await firstCard.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth),
  ).toBeGreaterThan(0);

  // Create: Generate stays unavailable, and says why.
  await page.goto(`/create/${TEXT_MODEL}`);
  await page.getByLabel(en.create.prompt.label).fill("A lighthouse in the fog");
  await expect(page.getByText(en.create.generate.reasonOffline)).toBeVisible();
  await expect(page.getByRole("button", { name: new RegExp(en.create.generate.button) })).toHaveAttribute(
    "aria-disabled",
    "true",
  );

  // A page never opened: the offline page, at the address asked for, with a retry.
  await page.goto("/profile");
  await expect(page.getByRole("heading", { level: 1, name: en.pwa.offlinePageTitle })).toBeVisible();
  await expect(page.getByRole("button", { name: en.pwa.retry })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/profile");

  // Back online on history: the banner goes and a job made meanwhile appears without a reload.
  await page.goto("/history");
  await expect(firstCard).toBeVisible();
  const secondPrompt = `Kites over a beach ${crypto.randomUUID().slice(0, 6)}`;
  await createJob(page.request, secondPrompt);
  await expect(page.getByTestId("history-card").filter({ hasText: secondPrompt })).toHaveCount(0);
  await context.setOffline(false);
  await expect(banner(page)).toHaveCount(0);
  await expect(page.getByTestId("history-card").filter({ hasText: secondPrompt })).toBeVisible();
});

test("the offline page speaks the language chosen after the worker was installed", async ({ page }) => {
  const guest = await page.request.post("/api/session/guest");
  expect(guest.status()).toBeLessThan(300);
  // Installed in English: the worker keeps the offline page as it was then.
  await page.goto("/");
  await waitForController(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  const changed = await page.request.patch("/api/me", { data: { language: "tr" } });
  expect(changed.status(), await changed.text()).toBe(200);
  await page.context().setOffline(true);
  await page.goto("/profile");
  await expect(page.getByRole("heading", { level: 1, name: tr.pwa.offlinePageTitle })).toBeVisible();
  await expect(page.getByText(tr.pwa.offlinePageBody)).toBeVisible();
  await expect(page.getByRole("button", { name: tr.pwa.retry })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "tr");
  await expect(page).toHaveTitle(new RegExp(`^${tr.pwa.offlinePageTitle}`));
  await page.context().setOffline(false);
});
