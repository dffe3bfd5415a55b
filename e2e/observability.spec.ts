import { expect, type Page, type Response, test } from "@playwright/test";
import pg from "pg";
import { type MigratedDatabase, startMigratedDatabase } from "../scripts/test-support/e2e/postgres";
import { type OwnServer, startOwnServer } from "../scripts/test-support/e2e/server";
import { type SentryReceiver, startSentryReceiver } from "../scripts/test-support/stand-ins/sentry-receiver";

/**
 * Error reporting and Web Vitals in the built app. Sentry cannot be reached here, so a local
 * receiver speaks its envelope protocol; this spec starts a server of its own with SENTRY_DSN
 * pointing there and every page view sampled for vitals, over a PostgreSQL database it can break
 * (a real server fault). The shared e2e server has no DSN: its pages must load no Sentry code.
 */

let receiver: SentryReceiver;
let database: MigratedDatabase | undefined;
let server: OwnServer | undefined;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  receiver = await startSentryReceiver();
  database = await startMigratedDatabase();
  server = await startOwnServer("observability", {
    DATABASE_URL: database.url,
    SENTRY_DSN: receiver.dsn,
    VITALS_SAMPLE_RATE: "1",
    TRUST_PROXY: "1",
  });
  // Warm the page up: a cold first render on a busy machine outlasts the expectations.
  await fetch(`${server.url}/legal/privacy`);
});

test.afterAll(async () => {
  await server?.stop();
  await database?.stop();
  await receiver?.close();
});

test.beforeEach(() => {
  test.setTimeout(120_000);
});

const origin = () => (server as OwnServer).url;
const SENTRY_MARK = "sentry.javascript";

/** Every script the page loads, with its text. */
function scriptsOf(page: Page): string[] {
  const texts: string[] = [];
  page.on("response", async (response: Response) => {
    if (response.request().resourceType() !== "script") return;
    texts.push(await response.text().catch(() => ""));
  });
  return texts;
}

function eventWith(text: string) {
  return receiver.events().filter((event) => JSON.stringify(event.exception ?? "").includes(text));
}

test("a browser error reaches Sentry once, scrubbed, after the page has loaded the SDK", async ({ page }) => {
  const scripts = scriptsOf(page);
  const response = await page.goto(`${origin()}/legal/privacy?email=ana@example.com&code=123456`);
  expect(response?.headers()["content-security-policy"]).toContain(`connect-src 'self' ${receiver.origin}`);
  // The island listens once it has hydrated, which may come after `load`; it fetches the SDK then.
  await expect.poll(() => scripts.some((text) => text.includes(SENTRY_MARK))).toBe(true);
  await page.evaluate(() => {
    setTimeout(() => {
      throw new Error("e2e uncaught for ana@example.com");
    });
    void Promise.reject(new Error("e2e rejection"));
  });

  await expect.poll(() => eventWith("e2e uncaught").length, { timeout: 60_000 }).toBe(1);
  await expect.poll(() => eventWith("e2e rejection").length, { timeout: 30_000 }).toBe(1);
  const [event] = eventWith("e2e uncaught");
  expect(event).toMatchObject({
    platform: "javascript",
    release: "rendio-web@0.1.0",
    environment: "production",
    request: { url: `${origin()}/legal/privacy` },
  });
  expect(JSON.stringify(event)).toContain("e2e uncaught for [email]");
  const sent = receiver.envelopes.map((envelope) => envelope.raw).join("\n");
  for (const secret of ["ana@example.com", "123456", "rendio_session"]) expect(sent).not.toContain(secret);
  expect(scripts.some((text) => text.includes(SENTRY_MARK))).toBe(true);
  await page.waitForTimeout(1000);
  expect(eventWith("e2e uncaught")).toHaveLength(1);
});

test.describe("the service worker", () => {
  // The desktop project blocks workers (playwright.config.ts).
  test.use({ serviceWorkers: "allow" });

  test("the service worker's errors reach Sentry through an open page", async ({ page, context }) => {
    const registered = context.waitForEvent("serviceworker");
    await page.goto(`${origin()}/legal/support`);
    const worker = context.serviceWorkers()[0] ?? (await registered);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await worker.evaluate(() => {
      setTimeout(() => {
        throw new Error("e2e worker uncaught");
      });
      void Promise.reject(new Error("e2e worker rejection"));
    });

    await expect.poll(() => eventWith("e2e worker uncaught").length, { timeout: 60_000 }).toBe(1);
    await expect.poll(() => eventWith("e2e worker rejection").length, { timeout: 30_000 }).toBe(1);
    expect(eventWith("e2e worker uncaught")[0]).toMatchObject({
      platform: "javascript",
      release: "rendio-web@0.1.0",
      tags: { source: "service-worker" },
    });
  });
});

test("a sampled page view sends its Web Vitals by beacon when the page is hidden", async ({ page }) => {
  await page.goto(`${origin()}/legal/terms`);
  // web-vitals loads after the page's load event; give it a moment, and LCP a click to settle on.
  await page.waitForTimeout(2000);
  await page.locator("main").click({ position: { x: 5, y: 5 } });
  // The page is hidden (as when its tab is switched away): a beacon sent while the page still lives
  // is one Playwright sees, with its answer (one sent while unloading reaches the server unseen).
  const beacon = page.waitForRequest((request) => request.url().endsWith("/api/vitals"));
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  const request = await beacon;
  expect(request.method()).toBe("POST");
  const body = request.postDataJSON() as { route: string; metrics: Array<{ name: string; rating: string }> };
  expect(body.route).toBe("/legal/[doc]");
  expect(body.metrics.map((metric) => metric.name)).toEqual(expect.arrayContaining(["TTFB", "LCP", "CLS"]));
  for (const metric of body.metrics) expect(["good", "needs-improvement", "poor"]).toContain(metric.rating);
  expect((await request.response())?.status()).toBe(204);
});

test("a server fault is reported once with the request's id and route, without secrets", async ({
  request,
}) => {
  const guest = await request.post(`${origin()}/api/session/guest`, {
    data: {},
    headers: { origin: origin(), "x-forwarded-for": "10.9.8.7" },
  });
  expect(guest.status()).toBe(201);
  const cookie = (guest.headers()["set-cookie"] ?? "").split(";")[0] as string;
  const models = await (await request.get(`${origin()}/api/models`)).json();
  const modelId = (models.models as Array<{ id: string; slug: string }>).find(
    (model) => model.slug === "ltx-2-fast",
  )?.id;

  const admin = new pg.Client({ connectionString: (database as MigratedDatabase).url });
  await admin.connect();
  await admin.query("alter function public.generate_video rename to generate_video_lost");
  const prompt = "a harbour only this spec knows";
  let answer: Awaited<ReturnType<typeof request.post>>;
  try {
    answer = await request.post(`${origin()}/api/jobs`, {
      data: { modelId, prompt, settings: {} },
      headers: {
        origin: origin(),
        cookie,
        authorization: "Bearer sk_e2e_not_for_sentry",
        "idempotency-key": crypto.randomUUID(),
        "x-forwarded-for": "10.9.8.7",
      },
    });
  } finally {
    await admin.query("alter function public.generate_video_lost rename to generate_video");
    await admin.end();
  }
  expect(answer.status()).toBe(500);

  await expect.poll(() => eventWith("generate_video").length, { timeout: 60_000 }).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const reports = eventWith("generate_video");
  expect(reports).toHaveLength(1);
  expect(reports[0]).toMatchObject({ platform: "node", release: "rendio-web@0.1.0" });
  // The request log echoes its id (x-request-id); the report carries the same one and the route.
  const requestId = answer.headers()["x-request-id"];
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(reports[0]?.tags).toMatchObject({ request_id: requestId, route: "/api/jobs" });
  const sent = receiver.envelopes.map((envelope) => envelope.raw).join("\n");
  for (const secret of [cookie.split("=")[1] as string, "sk_e2e_not_for_sentry", prompt]) {
    expect(sent).not.toContain(secret);
  }
});

test("without SENTRY_DSN a page loads no Sentry code and may report nowhere", async ({ page }) => {
  const scripts = scriptsOf(page);
  const response = await page.goto("/legal/privacy");
  const policy = response?.headers()["content-security-policy"] ?? "";
  expect(policy).toMatch(/connect-src 'self'(;|$)/);
  await page.waitForTimeout(3000);
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((text) => text.includes(SENTRY_MARK))).toEqual([]);
  expect(await page.evaluate(() => "__SENTRY__" in window)).toBe(false);
});
