import {
  type APIRequestContext,
  type BrowserContext,
  expect,
  type Page,
  test,
  type Worker,
} from "@playwright/test";
import en from "../messages/en.json" with { type: "json" };
import { type FalApp, finishAtFal, startFalApp } from "../scripts/test-support/e2e/fal-app";
import { seededPerson } from "../scripts/test-support/e2e/seeded";
import { waitForController } from "../scripts/test-support/e2e/sw";

/**
 * Background job watching by the service worker (issue #5 item 3) on the production build: a
 * result page records its job with the worker, which takes over once the page is hidden or
 * closed (even without a goodbye): it polls the job, tells open pages,
 * keeps the answer for offline reading and shows a notification; the permission card; a Web
 * Push message delivered through DevTools' protocol.
 *
 * The jobs are made on a server of the built app of their own with the fal provider, against a
 * fal stand-in (its queue and signed webhooks): a job waits in fal's queue until the test posts
 * fal's webhook, so it is in flight exactly as long as a test needs it to be, and no render
 * takes the machine's cores from the specs running beside this one. What is tested is the
 * worker; any provider's job goes through the same reads. The web push test needs no render
 * either: it takes a finished video seeded on the shared server.
 */

const MODEL = "ltx-2-fast";

let app: FalApp;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // The tests below play their own client addresses, as on the shared server.
  app = await startFalApp("background-jobs", { TRUST_PROXY: "1" });
});

test.afterAll(async () => {
  await app?.stop();
});

let address = 0;
test.beforeEach(async ({ context }, info) => {
  address += 1;
  const project = info.project.name === "chromium-mobile" ? 2 : 1;
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `10.57.${project}.${address}` });
});

/** An address on the fal-provider server. */
const at = (path: string) => `${app.server.url}${path}`;

async function startGuest(request: APIRequestContext) {
  const response = await request.post(at("/api/session/guest"));
  expect(response.status(), await response.text()).toBeLessThan(300);
}

async function createJob(request: APIRequestContext, prompt: string) {
  // One retry each: the request context's kept-alive socket may have idled past the server's
  // keep-alive while the page set up its worker (ECONNRESET); the same idempotency key makes
  // the retried POST one job.
  const model = await request
    .get(at(`/api/models/${MODEL}`))
    .catch(() => request.get(at(`/api/models/${MODEL}`)));
  const options = {
    data: { modelId: (await model.json()).model.id, prompt, settings: {} },
    headers: { "idempotency-key": crypto.randomUUID() },
  };
  const response = await request
    .post(at("/api/jobs"), options)
    .catch(() => request.post(at("/api/jobs"), options));
  expect(response.status(), await response.text()).toBe(202);
  return (await response.json()).job as { id: string; status: string; prompt: string };
}

async function jobStatus(request: APIRequestContext, url: string): Promise<string> {
  const response = await request.get(url);
  expect(response.status()).toBe(200);
  return (await response.json()).job.status;
}

/** Opens Home first so the worker controls the later navigation (and caches its page). */
async function controlledPage(context: BrowserContext, origin = app.server.url): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await waitForController(page);
  return page;
}

async function serviceWorker(context: BrowserContext): Promise<Worker> {
  await expect.poll(() => context.serviceWorkers().length).toBeGreaterThan(0);
  return context.serviceWorkers()[0] as Worker;
}

/** How many windows of the app the worker sees (what decides whether it notifies). */
function windowClients(worker: Worker): Promise<number> {
  return worker.evaluate(async () => {
    const scope = self as unknown as {
      clients: { matchAll(options: { type: string; includeUncontrolled: boolean }): Promise<unknown[]> };
    };
    return (await scope.clients.matchAll({ type: "window", includeUncontrolled: true })).length;
  });
}

type ShownNotification = { title: string; body: string; tag: string; data: unknown };

function notifications(worker: Worker): Promise<ShownNotification[]> {
  return worker.evaluate(async () => {
    // The worker's global: `self.registration` (the test's types only know pages).
    const scope = self as unknown as { registration: ServiceWorkerRegistration };
    const shown = await scope.registration.getNotifications();
    return shown.map((n: Notification) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data }));
  });
}

function watchedJobs(worker: Worker): Promise<string[]> {
  return worker.evaluate(async () => {
    const keys = await (await caches.open("rendio-job-watches")).keys();
    return keys.map((request) => new URL(request.url).pathname.split("/").pop() ?? "");
  });
}

const resultTitle = (page: Page) => page.getByTestId("result-title");

/** The result page is hydrated (the clock ticks) and its job is still in flight. */
async function expectInFlight(page: Page) {
  await expect(page.getByTestId("elapsed")).toHaveText(/^\d+:\d\d$/);
  await expect(page.locator("header[data-status]")).toHaveAttribute("data-status", /pending|processing/);
}

/** Long enough for the worker's next read of a watched job (every 8 s at most), on a busy machine. */
const WORKER_NEWS = 60_000;

test.describe("background job watching", () => {
  test.describe.configure({ timeout: 150_000 });

  test("a job left by a closed page is announced when ready and reads as completed offline", async ({
    context,
  }) => {
    await context.grantPermissions(["notifications"]);
    await startGuest(context.request);
    const page = await controlledPage(context);
    const job = await createJob(context.request, "A lighthouse in a storm, seen from a boat");
    await page.goto(at(`/jobs/${job.id}`));
    await expectInFlight(page);
    // Permission was already granted: the card has nothing to offer.
    await expect(page.getByTestId("notify-card")).toHaveCount(0);
    const worker = await serviceWorker(context);

    // The worker recorded the job as the page showed it, so the page's goodbye is not needed: here
    // it is lost, as when a phone kills the app without a word.
    await expect.poll(() => watchedJobs(worker)).toEqual([job.id]);
    await page.evaluate(() => {
      const controller = navigator.serviceWorker.controller;
      if (controller) controller.postMessage = () => {};
    });
    await page.close();
    expect(await jobStatus(context.request, at(`/api/jobs/${job.id}`))).not.toBe("completed");
    // Nothing to announce while the job is in flight.
    expect(await notifications(worker)).toEqual([]);

    await finishAtFal(app.fal, job.id);
    await expect
      .poll(async () => (await notifications(worker)).find((n) => n.tag === `job-${job.id}`), {
        timeout: WORKER_NEWS,
        intervals: [1000],
      })
      .toEqual({
        title: en.notify.ready.title,
        body: en.notify.ready.body.replace("{prompt}", job.prompt),
        tag: `job-${job.id}`,
        data: { url: `/jobs/${job.id}` },
      });
    expect(await jobStatus(context.request, at(`/api/jobs/${job.id}`))).toBe("completed");
    await expect.poll(() => watchedJobs(worker)).toEqual([]);

    // Offline, the result page (cached when it was visited) reads the job from the worker's cache.
    await context.setOffline(true);
    const reopened = await context.newPage();
    await reopened.goto(at(`/jobs/${job.id}`));
    await expect(resultTitle(reopened)).toHaveText(en.result.status.completedTitle, { timeout: 20_000 });
    await reopened.close();
    await context.setOffline(false);
  });

  test("a failed job gets the failure text", async ({ context }) => {
    await context.grantPermissions(["notifications"]);
    await startGuest(context.request);
    const page = await controlledPage(context);
    // fal refuses the input when the job is run: its webhook says ERROR.
    app.fal.script({
      refuse: 422,
      detail: [{ loc: ["body", "prompt"], msg: "The prompt was flagged", type: "content_policy_violation" }],
    });
    const job = await createJob(context.request, "Bring this photo to life");

    await page.goto(at(`/jobs/${job.id}`));
    await expectInFlight(page);
    const worker = await serviceWorker(context);
    await expect.poll(() => watchedJobs(worker)).toEqual([job.id]);
    await page.close();

    await finishAtFal(app.fal, job.id);
    await expect
      .poll(async () => (await notifications(worker)).find((n) => n.tag === `job-${job.id}`)?.title, {
        timeout: WORKER_NEWS,
        intervals: [1000],
      })
      .toBe(en.notify.failed.title);
    expect(await jobStatus(context.request, at(`/api/jobs/${job.id}`))).toBe("failed");
  });

  test("an open page that stops polling gets the finished job from the worker", async ({ context }) => {
    await startGuest(context.request);
    const page = await controlledPage(context);
    const job = await createJob(context.request, "Snow falling on a quiet mountain village");
    await page.goto(at(`/jobs/${job.id}`));
    await expectInFlight(page);

    // The page goes "hidden": SWR pauses its polling and the page hands the job to the worker.
    // Its own reads of the job are made to fail from here on, so only the worker's message can
    // bring the result.
    await page.evaluate((id) => {
      const pageFetch = window.fetch.bind(window);
      window.fetch = (input, init) =>
        String(input instanceof Request ? input.url : input).includes(`/api/jobs/${id}`)
          ? Promise.reject(new TypeError("blocked by the test"))
          : pageFetch(input, init);
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
      document.dispatchEvent(new Event("visibilitychange"));
    }, job.id);
    const worker = await serviceWorker(context);
    await expect.poll(() => watchedJobs(worker)).toEqual([job.id]);
    expect(await jobStatus(context.request, at(`/api/jobs/${job.id}`))).not.toBe("completed");

    await finishAtFal(app.fal, job.id);
    await expect(resultTitle(page)).toHaveText(en.result.status.completedTitle, { timeout: WORKER_NEWS });
    await expect(page.getByTestId("result-video")).toBeVisible();
  });
});

test.describe("the notification card", () => {
  test.describe.configure({ timeout: 120_000 });

  test("never on load; offered on a job in flight; gone once allowed", async ({ context }) => {
    await startGuest(context.request);
    const page = await controlledPage(context);
    expect(await page.evaluate(() => Notification.permission)).toBe("default");
    await expect(page.getByTestId("notify-card")).toHaveCount(0);

    const job = await createJob(context.request, "Paper lanterns rising over a dark lake");
    await page.goto(at(`/jobs/${job.id}`));
    await expectInFlight(page);
    const card = page.getByRole("region", { name: en.notify.card.title });
    await expect(card).toBeVisible();
    // Still "default": opening the page asked nothing.
    expect(await page.evaluate(() => Notification.permission)).toBe("default");

    // The person allows notifications in the browser's prompt.
    await context.grantPermissions(["notifications"]);
    // Granted, the page goes on to Web Push: it asks for the server's key (none on this server).
    const keyAsked = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/push/key");
    await card.getByRole("button", { name: en.notify.card.enable }).click();
    expect(await (await keyAsked).json()).toEqual({ publicKey: null });
    await expect(card).toHaveCount(0);
    await expect(page.getByRole("status").filter({ hasText: en.notify.card.enabled })).toBeFocused();

    // Granted now: the card is not offered again.
    await page.reload();
    await expectInFlight(page);
    await expect(page.getByTestId("notify-card")).toHaveCount(0);
  });

  test("Not now is remembered", async ({ context }) => {
    await startGuest(context.request);
    const page = await controlledPage(context);
    const job = await createJob(context.request, "A fox walking through fresh snow at dawn");
    await page.goto(at(`/jobs/${job.id}`));
    await expectInFlight(page);
    const card = page.getByTestId("notify-card");
    await card.getByRole("button", { name: en.notify.card.dismiss }).click();
    await expect(card).toHaveCount(0);
    expect(await page.evaluate(() => Notification.permission)).toBe("default");
    await page.reload();
    await expectInFlight(page);
    await expect(page.getByTestId("notify-card")).toHaveCount(0);
  });
});

test.describe("web push", () => {
  test.describe.configure({ timeout: 180_000 });

  test("a job-finished push shows the server's notification and stores the finished job", async ({
    context,
    baseURL,
  }) => {
    await context.grantPermissions(["notifications"]);
    // A finished job, seeded (scripts/test-support/e2e/seeded.ts).
    const job = (await seededPerson(context, baseURL)).jobs[0] as { id: string };
    expect(await jobStatus(context.request, `/api/jobs/${job.id}`)).toBe("completed");

    const page = await controlledPage(context, baseURL);
    const worker = await serviceWorker(context);
    const cdp = await context.newCDPSession(page);
    const origin = new URL(baseURL ?? "").origin;
    const registrationId = new Promise<string>((resolve) => {
      cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
        const ours = registrations.find((r) => r.scopeURL === `${origin}/` && !r.isDeleted);
        if (ours) resolve(ours.registrationId);
      });
    });
    await cdp.send("ServiceWorker.enable");
    // No window of the app left open: nobody would see the page update. The worker learns of the
    // page leaving a moment later; until then it would (rightly) not notify a person looking.
    await page.goto("about:blank");
    await expect.poll(() => windowClients(worker)).toBe(0);

    // The payload exactly as the server sends it (already localized).
    const payload = {
      type: "job-finished",
      jobId: job.id,
      status: "completed",
      title: "Tu vídeo está listo",
      body: "«Fireflies over a summer meadow» ya se puede ver.",
      url: `/jobs/${job.id}`,
    };
    await cdp.send("ServiceWorker.deliverPushMessage", {
      origin,
      registrationId: await registrationId,
      data: JSON.stringify(payload),
    });

    await expect
      .poll(async () => (await notifications(worker)).find((n) => n.tag === `job-${job.id}`))
      .toEqual({
        title: payload.title,
        body: payload.body,
        tag: `job-${job.id}`,
        data: { url: payload.url },
      });
    // The worker read the job again for pages opened later, offline included.
    await expect
      .poll(() =>
        worker.evaluate(async (id) => {
          const cached = await (await caches.open("rendio-jobs")).match(`/api/jobs/${id}`);
          return cached ? (await cached.json()).job.status : null;
        }, job.id),
      )
      .toBe("completed");
  });
});
