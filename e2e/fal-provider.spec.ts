import { expect, test } from "@playwright/test";
import en from "../messages/en.json" with { type: "json" };
import { type FalApp, finishAtFal, startFalApp } from "../scripts/test-support/e2e/fal-app";
import { playResultVideo } from "../scripts/test-support/e2e/video";

/**
 * A video made end to end through the fal adapter: the built app started with VIDEO_PROVIDER=fal
 * against a fal stand-in (fal's queue and signed webhooks, a real MP4 as the output). The job is
 * submitted once, waits in fal's queue on screen, is completed by the signed webhook posted to the
 * app, and the video plays from the app's own storage. History, open while a job is in flight,
 * turns its card into a finished one on its own when fal's webhook comes.
 */

const PROMPT = "Lanterns rising over a quiet lake at dusk";

let app: FalApp;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  app = await startFalApp("fal");
});

test.afterAll(async () => {
  await app?.stop();
});

test("a guest generates a video with fal: queued, completed by the signed webhook, played from our storage", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { fal, server } = app;
  fal.script("hang");
  await page.goto(`${server.url}/create/ltx-2-fast`);
  await expect(page.getByRole("heading", { level: 1, name: "LTX-2 Fast" })).toBeVisible();
  // A real model: no preview-renderer notice.
  await expect(page.getByText(en.create.cost.previewRenderer)).toHaveCount(0);
  await page.getByLabel(en.create.prompt.label).fill(PROMPT);
  await page.getByRole("button", { name: new RegExp(en.create.generate.button) }).click();
  await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
  const jobId = new URL(page.url()).pathname.split("/").at(-1) as string;

  // Submitted once to fal's queue, with our webhook address and the model's own input.
  expect(fal.count("POST", "/fal-ai/ltx-2/text-to-video/fast")).toBe(1);
  const [request] = [...fal.requests.values()];
  expect(request?.webhookUrl).toBe(`${server.url}/api/webhooks/fal?job=${jobId}`);
  expect(request?.input).toMatchObject({ prompt: PROMPT, duration: 6 });

  // Waiting in fal's queue, said as such.
  await expect(page.locator("header[data-status]")).toHaveAttribute("data-status", "pending");
  await expect(page.getByTestId("queue-position")).toHaveText(
    new RegExp(`${en.result.stage.waitingService}|Your video is next|in line`),
  );

  // fal finishes and posts its signed webhook to the app.
  const delivery = await fal.deliverWebhook(request?.requestId as string);
  expect(delivery.status, delivery.body).toBe(200);

  await expect(page.getByTestId("result-title")).toHaveText(en.result.status.completedTitle, {
    timeout: 60_000,
  });
  const { source, duration } = await playResultVideo(page);
  expect(source.startsWith(`${server.url}/api/media/videos/`)).toBe(true);
  expect(duration).toBeCloseTo(2, 0);
  await expect(page.getByText(/preview renderer/i)).toHaveCount(0);
});

test("History shows a job in flight with a progress bar and no delete, and turns it into a finished card on its own", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { fal, server } = app;
  const guest = await page.request.post(`${server.url}/api/session/guest`);
  expect(guest.status(), await guest.text()).toBeLessThan(300);
  await page.goto(`${server.url}/history`);
  await expect(page.getByText(en.history.empty.title)).toBeVisible();

  const model = await (await page.request.get(`${server.url}/api/models/ltx-2-fast`)).json();
  const created = await page.request.post(`${server.url}/api/jobs`, {
    data: { modelId: model.model.id, prompt: "A slow tide over black sand", settings: {} },
    headers: { "idempotency-key": crypto.randomUUID() },
  });
  expect(created.status(), await created.text()).toBe(202);
  const jobId = (await created.json()).job.id as string;
  await page.reload();
  const live = page.getByTestId("history-card").filter({ hasText: "A slow tide over black sand" });
  await expect(live).toHaveAttribute("data-status", "pending");
  await expect(live.getByRole("progressbar", { name: en.history.card.progress })).toBeVisible();
  await expect(live.getByRole("button", { name: en.history.actions.delete })).toHaveCount(0);

  await finishAtFal(fal, jobId);
  await expect(live).toHaveAttribute("data-status", "completed", { timeout: 60_000 });
  await expect(live.getByRole("button", { name: en.history.actions.delete })).toBeVisible();
});
