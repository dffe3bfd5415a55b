import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import en from "../messages/en.json" with { type: "json" };
import es from "../messages/es.json" with { type: "json" };
import tr from "../messages/tr.json" with { type: "json" };
import { seededPerson } from "../scripts/test-support/e2e/seeded";
import { playVideo } from "../scripts/test-support/e2e/video";

/**
 * Share pages (issue #11 item 3): Share on the result page makes the video's public page,
 * /v/<token>, that anyone can open without a session — the video, the model, the prompt when the
 * owner allows it, Open Graph and Twitter card tags — until the owner stops sharing (History or
 * the result page) or deletes the video. And the result page's Download/Share/Full screen row
 * fits a 320 px screen (item 10).
 */

/** Each test is its own client address, so guest creation limits never meet. */
let address = 0;
test.beforeEach(async ({ context }, info) => {
  address += 1;
  const project = info.project.name === "chromium-mobile" ? 2 : 1;
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `10.11.${project}.${address}` });
  // Where the browser has no share sheet, Share copies the link.
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
});

/** A finished video of the context's (seeded) person: its id, prompt and model name. */
async function finishedVideo(
  context: BrowserContext,
  baseURL: string | undefined,
): Promise<{ id: string; prompt: string; model: string }> {
  const [job] = (await seededPerson(context, baseURL)).jobs;
  const model = await context.request.get("/api/models/ltx-2-fast");
  return { id: job?.id as string, prompt: job?.prompt as string, model: (await model.json()).model.name };
}

/** Share on the result page; returns the page's URL as the panel shows it. */
async function shareFromResult(page: Page): Promise<string> {
  await page.getByRole("button", { name: en.result.actions.share, exact: true }).click();
  const link = page.getByTestId("share-url");
  await expect(link).toHaveText(/\/v\/[A-Za-z0-9_-]{43}$/);
  return (await link.textContent()) as string;
}

/** Opens the URL in a new browser context: no cookies, nobody signed in. */
async function asStranger(browser: Browser, url: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(url);
  return { context, page, status: response?.status() };
}

test.describe("share pages", () => {
  test.describe.configure({ timeout: 180_000 });

  test("a shared video plays for anyone, with its model, prompt and card tags; Stop sharing in History takes it down", async ({
    page,
    context,
    baseURL,
    browser,
  }) => {
    const { id, prompt, model } = await finishedVideo(context, baseURL);
    await page.goto(`/jobs/${id}`);
    const url = await shareFromResult(page);
    expect(new URL(url).origin).toBe(new URL(page.url()).origin);
    await expect(page.getByTestId("share-panel")).toContainText(en.share.panel.hint);
    // A shared video's result page, loaded afresh, still says so, rendered on the server too.
    await page.reload();
    await expect(page.getByTestId("share-url")).toHaveText(url);
    const resultHtml = await (await page.request.get(`/jobs/${id}`)).text();
    expect(resultHtml).toContain('data-testid="share-panel"');
    expect(resultHtml).toContain(new URL(url).pathname);
    // The same page when shared again.
    const again = await page.request.post(`/api/jobs/${id}/share`, { data: {} });
    expect((await again.json()).url).toBe(url);

    const stranger = await asStranger(browser, url);
    expect(stranger.status).toBe(200);
    const visitor = stranger.page;
    await expect(visitor.getByTestId("shared-model")).toHaveText(model);
    await expect(visitor.getByTestId("shared-prompt")).toHaveText(prompt);
    await expect(visitor.getByRole("link", { name: en.share.page.cta })).toHaveAttribute("href", "/");
    await playVideo(visitor.getByTestId("shared-video"));

    // The tags a chat app or a social site reads, with absolute media links that work without a session.
    const meta = (key: string) =>
      visitor.locator(`meta[property="${key}"], meta[name="${key}"]`).first().getAttribute("content");
    expect(await meta("og:type")).toBe("video.other");
    expect(await meta("og:url")).toBe(url);
    expect(await meta("og:title")).toContain(model);
    expect(await meta("og:description")).toBe(prompt);
    expect(await meta("og:video:type")).toBe("video/mp4");
    expect(Number(await meta("og:video:width"))).toBeGreaterThan(0);
    expect(await meta("twitter:card")).toBe("summary_large_image");
    expect(await meta("twitter:image")).toBeTruthy();
    expect(await meta("og:video")).toBe(`${url}/video`);
    expect(await meta("og:image")).toBe(`${url}/poster`);
    for (const key of ["og:video", "og:image"]) {
      const media = (await meta(key)) as string;
      expect((await stranger.context.request.get(media)).status(), key).toBe(200);
    }
    const html = await (await stranger.context.request.get(url)).text();
    for (const tag of ['property="og:video"', 'property="og:image"', 'name="twitter:card"']) {
      expect(html, tag).toContain(tag);
    }

    // Stop sharing from History: the page answers 404 from then on.
    await page.goto("/history");
    const card = page.getByTestId("history-card").filter({ hasText: prompt });
    await card.getByRole("button", { name: en.share.stop }).click();
    await expect(page.getByRole("status").filter({ hasText: en.share.toast.stopped })).toBeVisible();
    await expect(card.getByRole("button", { name: en.share.stop })).toHaveCount(0);
    const gone = await visitor.goto(url);
    expect(gone?.status()).toBe(404);
    expect((await stranger.context.request.get(`${url}/video`)).status()).toBe(404);
    await expect(visitor.getByRole("heading", { level: 1, name: en.share.notFound.title })).toBeVisible();
    await stranger.context.close();
  });

  test("the owner may keep the prompt off the page; Stop sharing on the result page, and deleting the video, take it down", async ({
    page,
    context,
    baseURL,
    browser,
  }) => {
    const { id, prompt, model } = await finishedVideo(context, baseURL);
    await page.goto(`/jobs/${id}`);
    await page.getByRole("checkbox", { name: en.share.showPrompt }).uncheck();
    const url = await shareFromResult(page);

    const stranger = await asStranger(browser, url);
    expect(stranger.status).toBe(200);
    await expect(stranger.page.getByTestId("shared-model")).toHaveText(model);
    await expect(stranger.page.getByTestId("shared-prompt")).toHaveCount(0);
    expect(await stranger.page.content()).not.toContain(prompt);

    await page.getByRole("button", { name: en.share.stop }).click();
    await expect(page.getByTestId("share-panel")).toHaveCount(0);
    expect((await stranger.page.goto(url))?.status()).toBe(404);

    // Shared again, then the video deleted: its page goes with it.
    const second = await shareFromResult(page);
    expect(second).not.toBe(url);
    expect((await stranger.page.goto(second))?.status()).toBe(200);
    expect((await page.request.delete(`/api/jobs/${id}`)).status()).toBe(204);
    expect((await stranger.page.goto(second))?.status()).toBe(404);
    await stranger.context.close();
  });

  for (const [locale, messages] of [
    ["en-US", en],
    ["es-ES", es],
    ["tr-TR", tr],
  ] as const) {
    test.describe(`at 320 px in ${locale}`, () => {
      test.use({ locale, viewport: { width: 320, height: 640 } });

      test("the result actions fit without sideways scrolling", { tag: "@phone-only" }, async ({
        page,
        context,
        baseURL,
      }) => {
        const { id } = await finishedVideo(context, baseURL);
        await page.goto(`/jobs/${id}`);
        const row = page.getByTestId("result-actions-row");
        await expect(row.getByRole("link", { name: messages.result.actions.download })).toBeVisible();
        await expect(row.getByRole("button", { name: messages.result.actions.share })).toBeVisible();
        const overflow = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          width: window.innerWidth,
        }));
        expect(overflow.scroll).toBeLessThanOrEqual(overflow.width);
        for (const control of await row.locator("a, button").all()) {
          const box = await control.boundingBox();
          expect(box && box.x >= 0 && box.x + box.width <= 320, (await control.textContent()) ?? "").toBe(
            true,
          );
        }
      });
    });
  }
});
