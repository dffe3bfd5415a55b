import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type Locator, type Page, type Response, test } from "@playwright/test";
import sharp from "sharp";
import en from "../messages/en.json" with { type: "json" };
import tr from "../messages/tr.json" with { type: "json" };
import { expectNoSeriousViolations, switchColorScheme } from "../scripts/test-support/e2e/axe";
import { holdPageCode } from "../scripts/test-support/e2e/page-code";
import { SEEDED_CREDITS_LEFT, seededPerson } from "../scripts/test-support/e2e/seeded";
import { playResultVideo } from "../scripts/test-support/e2e/video";

/**
 * The generation loop in a real browser against `next start` on a fresh embedded database, with
 * the local preview renderer making real H.264 videos: Home's grid → form → cost → Generate →
 * progress → playback → the balance on Home, plus the refusals (not enough credits, rate limit),
 * a failed job's refund, the image input, the draft and Regenerate, Turkish, and axe. One test
 * waits for a render; the others that show a finished video use a seeded one
 * (scripts/test-support/e2e/seeded.ts).
 */

const fixtures = path.join(import.meta.dirname, "fixtures");
const TEXT_MODEL = "ltx-2-fast"; // 6 s 1080p by default = 3 credits, the cheapest text-to-video
const PROMPT = "A paper boat drifting down a rainy city gutter, macro lens, soft morning light";

type Messages = typeof en;

async function startGuest(page: Page): Promise<number> {
  const response = await page.request.post("/api/session/guest");
  expect(response.status(), await response.text()).toBeLessThan(300);
  return (await response.json()).user.credits;
}

async function creditsNow(page: Page): Promise<number> {
  const response = await page.request.get("/api/me");
  expect(response.status()).toBe(200);
  return (await response.json()).credits;
}

/** A job made behind the page's back (to spend credits or prepare a failure). */
async function createJobViaApi(page: Page, body: Record<string, unknown>) {
  return page.request.post("/api/jobs", {
    data: body,
    headers: { "idempotency-key": crypto.randomUUID() },
  });
}

async function modelId(page: Page, slug: string): Promise<string> {
  const response = await page.request.get(`/api/models/${slug}`);
  expect(response.status()).toBe(200);
  return (await response.json()).model.id;
}

function generateButton(page: Page, messages: Messages) {
  return page.getByRole("button", { name: new RegExp(messages.create.generate.button) });
}

/** Picks a segment of a segmented control by tapping its label, as a person would. */
async function choose(page: Page, name: string | RegExp) {
  const radio = page.getByRole("radio", { name });
  await page.locator("label", { has: radio }).click();
  await expect(radio).toBeChecked();
}

/** A render may wait behind others in the local renderer's one-at-a-time queue (other tests', too). */
async function waitForFinalTitle(page: Page, title: string) {
  await expect(page.getByTestId("result-title")).toHaveText(title, { timeout: 120_000 });
}

/** Plays the finished video for real (frames decoded, a duration) with a poster that loads. */
async function expectPlayableVideo(page: Page) {
  const { video, duration } = await playResultVideo(page);
  const poster = await video.getAttribute("poster");
  expect(poster).toBeTruthy();
  const posterResponse = await page.request.get(poster as string);
  expect(posterResponse.status()).toBe(200);
  expect(posterResponse.headers()["content-type"]).toContain("image/jpeg");
  expect(duration).toBeGreaterThan(0);
  return video;
}

async function boxRatio(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  return (box?.width ?? 0) / (box?.height ?? 1);
}

/** A video file's request or answer. */
const isVideo = (url: string) => new URL(url).pathname.endsWith(".mp4");

/**
 * Sends the page's first request for a video to our server with a doctored expiry, which it
 * refuses as it refuses an expired link (after `hold`, when given); later requests go as they are.
 */
async function refuseFirstVideoRequest(page: Page, hold?: Promise<unknown>) {
  const requests = { refused: [] as string[], passed: 0 };
  await page.route(
    (url) => isVideo(url.href),
    async (route) => {
      if (requests.refused.length > 0) {
        requests.passed++;
        return route.continue();
      }
      const url = new URL(route.request().url());
      url.searchParams.set("exp", "1");
      requests.refused.push(url.toString());
      await hold;
      return route.continue({ url: url.toString() });
    },
  );
  return requests;
}

test.describe("generate a video", () => {
  test.describe.configure({ timeout: 180_000 });

  // One journey as a person takes it, with no shortcut through the API (it was also
  // e2e/journey.spec.ts): Home's grid, a prompt, the cost, Generate, the progress, the video
  // playing, Regenerate, and Home's badge showing the balance less the cost the form displayed.
  test("a new visitor picks a model on Home, writes a prompt, sees the cost, generates, plays the video, and Home shows the balance less the cost", async ({
    page,
  }) => {
    await page.goto("/");
    await page
      .getByRole("region", { name: en.home.allModels })
      .getByRole("link", { name: /LTX-2 Fast/ })
      .click();
    await page.waitForURL(new RegExp(`/create/${TEXT_MODEL}$`));
    // No session yet: the form itself makes the visitor a guest when Generate is tapped.
    await expect(page.getByRole("heading", { level: 1, name: "LTX-2 Fast" })).toBeVisible();
    await expect(generateButton(page, en)).toBeDisabled();
    await expect(page.getByText(en.create.generate.reasonPrompt)).toBeVisible();

    await page.getByLabel(en.create.prompt.label).fill(PROMPT);
    await expect(page.getByText(`${PROMPT.length} / 1,000`)).toBeVisible();
    const shownCost = page.getByTestId("cost");
    await expect(shownCost).toHaveText("3 credits");
    // Live cost: 1440p doubles the price per second (6 s × 8 ¢ = 4.8 → 5 credits).
    await choose(page, "1440p");
    await expect(shownCost).toHaveText("5 credits");
    await choose(page, "1080p");
    await expect(shownCost).toHaveText("3 credits");

    const guest = page.waitForResponse(
      (r) => r.url().endsWith("/api/session/guest") && r.request().method() === "POST",
    );
    const created = page.waitForResponse(
      (r) => r.url().endsWith("/api/jobs") && r.request().method() === "POST",
    );
    await generateButton(page, en).click();
    const startCredits = (await (await guest).json()).user.credits as number;
    const createResponse = await created;
    expect(createResponse.status()).toBe(202);
    expect(createResponse.request().headers()["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);

    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    // Honest progress before the video: a status, the elapsed clock, and the frame it will fill.
    const header = page.locator("header[data-status]");
    const firstStatus = await header.getAttribute("data-status");
    if (firstStatus !== "completed") await expect(page.getByTestId("elapsed")).toHaveText(/^\d+:\d\d$/);
    // The wait announced is the preview renderer's (seconds), never the AI model's "about a minute".
    await expect(header).not.toContainText(/minute/);

    await waitForFinalTitle(page, en.result.status.completedTitle);
    const video = await expectPlayableVideo(page);
    expect(await boxRatio(video)).toBeCloseTo(16 / 9, 1);
    await expect(page.getByTestId("result-prompt")).toHaveText(PROMPT);
    await expect(page.getByTestId("result-cost")).toHaveText("3 credits");
    // Asked for 1080p 16:9: the preview renderer makes 1280×720 and says so.
    await expect(page.getByTestId("result-output")).toHaveText("Preview render · 1280×720");
    await expect(page.getByRole("link", { name: en.result.actions.download })).toHaveAttribute("href", /dl=/);

    expect(await creditsNow(page)).toBe(startCredits - 3);

    // Regenerate goes back to the form with the prompt and settings.
    await page.getByRole("link", { name: en.result.actions.regenerate }).click();
    await page.waitForURL(new RegExp(`/create/${TEXT_MODEL}`));
    await expect(page.getByLabel(en.create.prompt.label)).toHaveValue(PROMPT);
    await expect(page.getByRole("radio", { name: "6 s" })).toBeChecked();
    await expect(page.getByRole("radio", { name: "1080p" })).toBeChecked();

    await page.goto("/");
    await expect(page.getByRole("link", { name: /^Balance: \d+ credits?\. Get more credits$/ })).toHaveText(
      String(startCredits - 3),
    );
  });

  test.describe("in Turkish", () => {
    test.use({ locale: "tr-TR" });

    test("the form and the result speak Turkish", async ({ page, context, baseURL }) => {
      const person = await seededPerson(context, baseURL);
      const start = SEEDED_CREDITS_LEFT;
      expect(await creditsNow(page)).toBe(start);
      await page.goto(`/create/${TEXT_MODEL}`);
      await expect(page.locator("html")).toHaveAttribute("lang", "tr");
      await expect(page.getByLabel(tr.create.prompt.label)).toBeVisible();
      await expect(page.getByText(tr.create.settings.title, { exact: true })).toBeVisible();
      await expect(page.getByTestId("cost")).toHaveText("3 kredi");
      await expect(page.getByTestId("balance")).toHaveText(`${start} kredi`);
      await expect(page.getByText(tr.create.generate.reasonPrompt)).toBeVisible();

      await page.getByLabel(tr.create.prompt.label).fill("Yağmurlu bir akşamda İstanbul’da sisli bir vapur");
      await generateButton(page, tr).click();
      await page.waitForURL(/\/jobs\//);
      await expect(page.locator("header[data-status]")).toBeVisible();
      expect(await creditsNow(page)).toBe(start - 3);
      // A finished result in Turkish: the person's seeded video (the render above is not waited for).
      await page.goto(`/jobs/${person.jobs[0]?.id}`);
      await waitForFinalTitle(page, tr.result.status.completedTitle);
      await expect(page.getByText(tr.result.status.completedHint)).toBeVisible();
      await expect(page.getByRole("link", { name: tr.result.actions.download })).toBeVisible();
      await expect(page.getByRole("button", { name: tr.result.actions.share })).toBeVisible();
      await expect(page.getByRole("link", { name: tr.result.actions.regenerate })).toBeVisible();
      await expect(page.getByTestId("result-cost")).toHaveText("3 kredi");
      await expectPlayableVideo(page);
    });
  });

  test("a refused video link is renewed once, and reading the job again never reloads the video being watched", async ({
    page,
    context,
    baseURL,
  }) => {
    const [job] = (await seededPerson(context, baseURL)).jobs;
    const isJobRead = (r: Response) => r.url().endsWith(`/api/jobs/${job?.id}`) && r.ok();
    const jobReads: number[] = [];
    page.on("response", (r) => {
      if (isJobRead(r)) jobReads.push(Date.now());
    });
    // The page reads its job once it has hydrated: from then on React hears the player's errors.
    const hydrated = page.waitForResponse(isJobRead);
    // The player then reads the job's fresh links and tries once more.
    const { refused } = await refuseFirstVideoRequest(page, hydrated);
    const first = page.waitForResponse((r) => isVideo(r.url()));
    const renewed = page.waitForResponse((r) => isVideo(r.url()) && r.status() < 300);
    await page.goto(`/jobs/${job?.id}`);
    expect((await first).status()).toBe(403);
    await renewed;
    const { video, duration, source } = await playResultVideo(page);
    expect(refused).toHaveLength(1);
    expect(duration).toBeGreaterThan(0);
    expect(new URL(source).pathname).toBe(new URL(refused[0] as string).pathname);
    await expect(page.getByText(en.result.player.error)).toHaveCount(0);

    // Someone watches it, over and over.
    await video.evaluate((element: HTMLVideoElement) => {
      element.dataset.watched = "yes";
      element.loop = true;
    });
    // Coming back to the page reads the job again, with newly signed links to the same files. SWR
    // does so 5 s after the page's first read at the soonest, and 2 s after its last.
    await expect
      .poll(() => Date.now(), { timeout: 10_000 })
      .toBeGreaterThan(Math.max((jobReads[0] ?? 0) + 5500, (jobReads.at(-1) ?? 0) + 2500));
    const reread = page.waitForResponse(isJobRead);
    await page.evaluate(() => window.dispatchEvent(new Event("focus")));
    const fresh = (await (await reread).json()).job.videoUrl as string;
    expect(new URL(fresh, baseURL).searchParams.get("sig")).not.toBe(new URL(source).searchParams.get("sig"));
    const playedAt = await video.evaluate((element: HTMLVideoElement) => element.currentTime);
    await expect
      .poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime))
      .not.toBe(playedAt);
    const after = await video.evaluate((element: HTMLVideoElement) => ({
      watched: element.dataset.watched,
      paused: element.paused,
      source: element.currentSrc,
    }));
    expect(after).toEqual({ watched: "yes", paused: false, source });
  });

  test("a video link refused before the page's code has run is renewed too", async ({
    page,
    context,
    baseURL,
  }) => {
    const [job] = (await seededPerson(context, baseURL)).jobs;
    const requests = await refuseFirstVideoRequest(page);
    // The page's scripts wait until the player has failed, so React was not listening when it did.
    const release = await holdPageCode(page);
    await page.goto(`/jobs/${job?.id}`, { waitUntil: "commit" });
    await expect
      .poll(() =>
        page.evaluate(
          () => document.querySelector<HTMLVideoElement>('[data-testid="result-video"]')?.error?.code ?? 0,
        ),
      )
      .toBeGreaterThan(0);
    const renewed = page.waitForResponse((r) => isVideo(r.url()) && r.status() < 300, { timeout: 30_000 });
    release();
    await renewed;
    const { duration } = await playResultVideo(page);
    expect(duration).toBeGreaterThan(0);
    expect(requests.refused.length + requests.passed).toBe(2);
    await expect(page.getByText(en.result.player.error)).toHaveCount(0);
  });

  test("a fresh guest's 10 credits open Veo 3.1 Fast at settings they can afford", async ({ page }) => {
    expect(await startGuest(page)).toBe(10);
    const catalog = await (await page.request.get("/api/models")).json();
    const veo = catalog.models.find((m: { slug: string }) => m.slug === "veo-3-1-fast");
    expect(veo.minCredits).toBe(4);
    await page.goto("/create/veo-3-1-fast");
    // This server renders previews: the usual time is the renderer's, in seconds, not Veo's minute.
    await expect(page.getByTestId("usual-time")).toHaveText(/^Usually ready in about \d+ s$/);
    // Its defaults (8 s, 720p, sound) cost 12: the form opens one step away, at 6 s with sound.
    await expect(page.getByTestId("cost")).toHaveText("9 credits");
    await expect(page.getByRole("radio", { name: "6 s" })).toBeChecked();
    await page.getByLabel(en.create.prompt.label).fill("Waves crashing on black volcanic sand at dusk");
    await expect(generateButton(page, en)).toBeEnabled();
    await expect(page.getByText(en.create.generate.reasonCredits)).toHaveCount(0);
  });

  test("when not even the cheapest settings fit, the form says so before Generate", {
    tag: "@phone",
  }, async ({ page, isMobile }) => {
    await startGuest(page);
    const spend = await createJobViaApi(page, {
      modelId: await modelId(page, "veo-3-1-fast"),
      prompt: "spent elsewhere",
      settings: { durationSeconds: 6 },
    });
    expect(spend.status()).toBe(202);
    expect(await creditsNow(page)).toBe(1);
    await page.goto("/create/veo-3-1-fast");
    await page.getByLabel(en.create.prompt.label).fill("A lighthouse in a storm");
    await expect(generateButton(page, en)).toBeDisabled();
    // Under Generate (every width): why, and where to get credits.
    const reason = page.locator("#generate-reason");
    await expect(reason).toContainText(en.create.generate.reasonNoneAffordable);
    await expect(reason.getByRole("link", { name: en.create.generate.getCredits })).toHaveAttribute(
      "href",
      "/profile?buy=1",
    );
    // Phones: the cost card says it in full, with its own link.
    if (isMobile) {
      const note = page.getByTestId("cost-note");
      await expect(note).toHaveText(
        `Even this model’s cheapest video costs 4 credits, and you have 1 credit. ${en.create.cost.buyCredits}`,
      );
      await expect(note.getByRole("link", { name: en.create.cost.buyCredits })).toHaveAttribute(
        "href",
        "/profile?buy=1",
      );
    }
  });

  test("not enough credits: Generate says why, and a 402 from the server offers credits", async ({
    page,
  }) => {
    const start = await startGuest(page);
    expect(start).toBe(10);
    await page.goto("/create/veo-3-1-fast");
    await expect(page.getByTestId("cost")).toHaveText("9 credits");
    await page.getByLabel(en.create.prompt.label).fill("Waves crashing on black volcanic sand at dusk");
    // Back to the defaults by hand: 8 s, 720p, with sound = 12 credits > 10.
    await choose(page, "8 s");
    await expect(page.getByTestId("cost")).toHaveText("12 credits");
    await expect(generateButton(page, en)).toBeDisabled();
    await expect(page.getByText(en.create.generate.reasonCredits)).toBeVisible();
    await expect(page.getByRole("link", { name: en.create.generate.getCredits })).toHaveAttribute(
      "href",
      "/profile?buy=1",
    );

    await choose(page, "4 s");
    await expect(page.getByTestId("cost")).toHaveText("6 credits");
    await expect(generateButton(page, en)).toBeEnabled();

    // Meanwhile another tab spends 6 of the 10 credits; this form still shows the old balance.
    const spend = await createJobViaApi(page, {
      modelId: await modelId(page, "veo-3-1-fast"),
      prompt: "spent elsewhere",
      settings: { durationSeconds: 6, audio: false },
    });
    expect(spend.status()).toBe(202);
    expect(await creditsNow(page)).toBe(4);

    const refused = page.waitForResponse(
      (r) => r.url().endsWith("/api/jobs") && r.request().method() === "POST",
    );
    await generateButton(page, en).click();
    expect((await refused).status()).toBe(402);
    const alert = page.getByRole("alert").filter({ hasText: en.errors.insufficient_credits });
    await expect(alert).toBeVisible();
    await expect(alert.getByRole("link", { name: en.create.generate.getCredits })).toHaveAttribute(
      "href",
      "/profile?buy=1",
    );
    // The balance is re-read, so the form now knows why.
    await expect(page.getByTestId("balance")).toHaveText("4 credits");
    await expect(generateButton(page, en)).toBeDisabled();
    await expect(page).toHaveURL(/\/create\/veo-3-1-fast/);
    expect(await creditsNow(page)).toBe(4);
  });

  test("too many generations at once: the form says when to try again", async ({ page }) => {
    // The server's side — refused requests count, the next one is 429 rate_limited with
    // Retry-After, nothing is charged — is app/api/jobs/replay-limits.test.ts, without this spec's
    // old wait for a fresh minute. Here the form's side: the server's 429, as the route sends it,
    // with a reset further away than the API client waits out by itself (30 s).
    const start = await startGuest(page);
    await page.route("**/api/jobs", (route) =>
      route.request().method() === "POST"
        ? route.fulfill({
            status: 429,
            headers: { "retry-after": "45", "cache-control": "no-store" },
            json: { error: { code: "rate_limited", message: "Too many requests. Try again later." } },
          })
        : route.fallback(),
    );
    await page.goto(`/create/${TEXT_MODEL}`);
    await page.getByLabel(en.create.prompt.label).fill(PROMPT);
    await generateButton(page, en).click();
    await expect(page.getByRole("alert").filter({ hasText: en.create.generate.rateLimited })).toBeVisible();
    await expect(page.getByRole("button", { name: /Try again in \d+ s/ })).toBeDisabled();
    expect(await creditsNow(page)).toBe(start);
  });

  test("a paste longer than the prompt limit says how many characters were left out", async ({ page }) => {
    await page.goto(`/create/${TEXT_MODEL}`);
    const prompt = page.getByLabel(en.create.prompt.label);
    await prompt.fill("A".repeat(990));
    await prompt.press("End");
    const pasted = " and then a long pasted tail";
    await page.evaluate((text) => {
      const area = document.querySelector("textarea#prompt") as HTMLTextAreaElement;
      const data = new DataTransfer();
      data.setData("text/plain", text);
      area.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, pasted);
    await expect(prompt).toHaveValue(`${"A".repeat(990)}${pasted.slice(0, 10)}`);
    const removed = pasted.length - 10;
    await expect(page.locator("#prompt-cut")).toHaveText(
      `What you pasted was too long: the last ${removed} characters were left out (1,000 is the limit).`,
    );
    // Typing on clears the notice.
    await prompt.press("Backspace");
    await expect(page.locator("#prompt-cut")).toHaveText("");
  });

  test("theme chips start at the page gutter and the row still scrolls to both edges", {
    tag: "@phone",
  }, async ({ page }) => {
    await page.goto(`/create/${TEXT_MODEL}`);
    const label = page.getByText(en.create.prompt.label, { exact: true });
    const region = page.getByRole("region", { name: en.create.themes.title });
    const chips = region.getByRole("button");
    await expect(chips.first()).toBeVisible();
    const gutter = (await label.boundingBox())?.x ?? 0;
    expect(gutter).toBeGreaterThan(8);
    // Let any scroll snapping settle, then compare.
    await page.waitForTimeout(300);
    expect(Math.round((await chips.first().boundingBox())?.x ?? -1)).toBe(Math.round(gutter));
    const row = region.getByRole("list");
    const scrolls = await row.evaluate((el) => el.scrollWidth > el.clientWidth);
    if (scrolls) {
      await row.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
      await page.waitForTimeout(300);
      const last = await chips.last().boundingBox();
      const viewport = page.viewportSize()?.width ?? 0;
      expect(Math.round((last?.x ?? 0) + (last?.width ?? 0))).toBe(Math.round(viewport - gutter));
      await row.evaluate((el) => el.scrollTo({ left: 0 }));
      await page.waitForTimeout(300);
      expect(Math.round((await chips.first().boundingBox())?.x ?? -1)).toBe(Math.round(gutter));
    }
  });

  test("the draft survives leaving the page, per model", async ({ page }) => {
    await startGuest(page);
    await page.goto("/create/veo-3-1-fast");
    await page.getByLabel(en.create.prompt.label).fill("A hummingbird sipping from a neon flower");
    await choose(page, /9:16/);
    await choose(page, "6 s");
    await page.goto(`/create/${TEXT_MODEL}`);
    await expect(page.getByLabel(en.create.prompt.label)).toHaveValue("");
    // A fresh load (not the back-forward cache) must restore it from sessionStorage.
    await page.goto("/create/veo-3-1-fast");
    await expect(page.getByLabel(en.create.prompt.label)).toHaveValue(
      "A hummingbird sipping from a neon flower",
    );
    await expect(page.getByRole("radio", { name: /9:16/ })).toBeChecked();
    await expect(page.getByRole("radio", { name: "6 s" })).toBeChecked();
    await expect(page.getByTestId("cost")).toHaveText("9 credits");
  });

  test("image-to-video: the photo is resized on the device and uploaded; an unreadable one is refused", async ({
    page,
  }) => {
    await startGuest(page);
    await page.goto("/create/sora-2-image-to-video");
    await page.getByLabel(en.create.prompt.label).fill("The sun slowly sets behind the hills");
    await expect(generateButton(page, en)).toBeDisabled();
    await expect(page.getByText(en.create.generate.reasonImage)).toBeVisible();

    const fileInput = page.getByTestId("image-file-input");
    await fileInput.setInputFiles(path.join(fixtures, "corrupt.jpg"));
    await expect(page.getByRole("alert").filter({ hasText: en.create.image.errorRead })).toBeVisible();

    const uploaded = page.waitForResponse((r) => r.url().endsWith("/api/uploads"));
    await fileInput.setInputFiles(path.join(fixtures, "portrait-2400x3200.jpg"));
    const upload = await uploaded;
    expect(upload.status()).toBe(201);
    const { previewUrl } = await upload.json();
    const stored = await page.request.get(previewUrl);
    expect(stored.status()).toBe(200);
    // 2400×3200 in, long edge 2048 out, re-encoded as JPEG on the device.
    expect(jpegSize(await stored.body())).toEqual({ width: 1536, height: 2048 });

    await expect(page.getByRole("img", { name: en.create.image.alt })).toBeVisible();
    await expect(generateButton(page, en)).toBeEnabled();
    await expect(page.getByTestId("cost")).toHaveText("4 credits");
  });

  test("a picture far over the 4 MB upload limit is shrunk on the device and uploaded", async ({ page }) => {
    // Noise is the worst case for JPEG; this PNG is about 27 MB. Stored without compression: it is
    // made and decoded about twice as fast, and noise would not compress anyway.
    const dir = mkdtempSync(path.join(tmpdir(), "rendio-noise-"));
    const noisy = path.join(dir, "noise-3000.png");
    await sharp(randomBytes(3000 * 3000 * 3), { raw: { width: 3000, height: 3000, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toFile(noisy);
    expect(statSync(noisy).size).toBeGreaterThan(4 * 1024 * 1024);
    try {
      await startGuest(page);
      await page.goto("/create/sora-2-image-to-video");
      const uploaded = page.waitForResponse((r) => r.url().endsWith("/api/uploads"));
      await page.getByTestId("image-file-input").setInputFiles(noisy);
      const upload = await uploaded;
      expect(upload.status()).toBe(201);
      expect(Number(upload.request().headers()["content-length"] ?? 0)).toBeLessThan(4.5 * 1000 * 1000);
      const stored = await page.request.get((await upload.json()).previewUrl);
      const bytes = await stored.body();
      expect(bytes.length).toBeLessThanOrEqual(4 * 1024 * 1024);
      const size = jpegSize(bytes);
      expect(size).toEqual({ width: 2048, height: 2048 });
      await expect(page.getByRole("img", { name: en.create.image.alt })).toBeVisible();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a failed job says why and that the credits were refunded", async ({ page }) => {
    const start = await startGuest(page);
    // A file that passes the server's JPEG magic-byte check but is not a picture.
    const upload = await page.request.post("/api/uploads", {
      multipart: {
        file: {
          name: "broken.jpg",
          mimeType: "image/jpeg",
          buffer: readFileSync(path.join(fixtures, "corrupt.jpg")),
        },
      },
    });
    expect(upload.status()).toBe(201);
    const { imageUrl } = await upload.json();
    const created = await createJobViaApi(page, {
      modelId: await modelId(page, "sora-2-image-to-video"),
      prompt: "Bring this photo to life",
      settings: { durationSeconds: 4 },
      imageUrl,
    });
    expect(created.status()).toBe(202);
    const { job, credits } = await created.json();
    // Charged when created (the refund may already have landed by the next read: a broken image
    // fails fast).
    expect(job.creditsUsed).toBe(4);
    expect(credits).toBe(start - 4);

    await page.goto(`/jobs/${job.id}`);
    await waitForFinalTitle(page, en.result.status.failedTitle);
    await expect(page.getByTestId("refunded")).toHaveText("4 credits refunded");
    await expect(page.getByRole("link", { name: en.result.actions.retry })).toHaveAttribute(
      "href",
      /\/create\/sora-2-image-to-video\?prompt=/,
    );
    expect(await creditsNow(page)).toBe(start);
  });

  test("someone else's job is a 404", async ({ context, baseURL, browser }) => {
    const [job] = (await seededPerson(context, baseURL)).jobs;
    const stranger = await browser.newContext();
    const other = await stranger.newPage();
    const response = await other.goto(`/jobs/${job?.id}`);
    expect(response?.status()).toBe(404);
    await expect(other.getByRole("heading", { level: 1 })).toHaveText(en.result.notFound.title);
    await stranger.close();
  });

  test("an unknown model is a 404 with a way to the catalog", async ({ page }) => {
    const response = await page.goto("/create/no-such-model");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.create.notFound.title);
    await expect(page.getByRole("link", { name: en.create.notFound.browse })).toHaveAttribute("href", "/");
  });

  test("the form and the finished result pass axe in light and dark", { tag: "@phone" }, async ({
    page,
    context,
    baseURL,
  }) => {
    const person = await seededPerson(context, baseURL);
    await page.goto(`/create/${TEXT_MODEL}`);
    await page.getByLabel(en.create.prompt.label).fill(PROMPT);
    for (const colorScheme of ["light", "dark"] as const) {
      await switchColorScheme(page, colorScheme);
      await expectNoSeriousViolations(page, `form, ${colorScheme}`);
    }
    await page.emulateMedia({ colorScheme: "light" });
    await expect(generateButton(page, en)).toBeEnabled();
    await page.goto(`/jobs/${person.jobs[0]?.id}`);
    await waitForFinalTitle(page, en.result.status.completedTitle);
    await expect(page.getByTestId("result-video")).toBeVisible();
    for (const colorScheme of ["light", "dark"] as const) {
      await switchColorScheme(page, colorScheme);
      await expectNoSeriousViolations(page, `result, ${colorScheme}`);
    }
  });
});

/** Width and height from a baseline or progressive JPEG's SOF marker. */
function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] ?? 0;
    const length = bytes.readUInt16BE(offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  return null;
}
