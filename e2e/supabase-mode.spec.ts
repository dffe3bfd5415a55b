import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import en from "../messages/en.json" with { type: "json" };
import { falSettings, finishAtFal, startFalStandInForApp } from "../scripts/test-support/e2e/fal-app";
import { type MigratedDatabase, startMigratedDatabase } from "../scripts/test-support/e2e/postgres";
import { type OwnServer, startOwnServer } from "../scripts/test-support/e2e/server";
import { browserSession } from "../scripts/test-support/e2e/supabase-session";
import { playResultVideo } from "../scripts/test-support/e2e/video";
import type { FalStandIn } from "../scripts/test-support/stand-ins/fal";
import { type SupabaseStandIn, startSupabaseStandIn } from "../scripts/test-support/stand-ins/supabase";

/**
 * The supabase mode end to end: the built app started as `npm start` starts it, with Supabase
 * settings pointing at the Supabase stand-in (GoTrue, PostgREST and Storage over a real,
 * migrated PostgreSQL) and fal at the fal stand-in. One person's journey in one browser: a guest
 * from Supabase Auth, two fal videos stored in and played from Supabase Storage, History with
 * batched signed links, an expired session renewed once by the proxy, an email code that makes
 * the guest an account in place, and nothing written to the app's DATA_DIR.
 */

test.describe.configure({ mode: "serial" });

const MODEL = "ltx-2-fast"; // 3 credits at its defaults
const FREE_CREDITS = 10;
const PROMPTS = ["Lanterns rising over a quiet lake at dusk", "A paper boat drifting down a rainy street"];
/** Short, so the session's access token can expire within the test. */
const ACCESS_TOKEN_SECONDS = 20;

let database: MigratedDatabase;
let supabase: SupabaseStandIn;
let fal: FalStandIn;
let server: OwnServer;
let context: BrowserContext;
let page: Page;
const person = { userId: "", jobs: [] as string[] };

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  database = await startMigratedDatabase();
  fal = await startFalStandInForApp();
  // The stand-in's redirect allow list is the app's URL, known once the app has a port: the app
  // reads Supabase's URL at start, so the stand-in starts first with a placeholder site URL and
  // is told the real one below.
  supabase = await startSupabaseStandIn({
    databaseUrl: database.url,
    accessTokenSeconds: ACCESS_TOKEN_SECONDS,
  });
  server = await startOwnServer("supabase", (url) => ({
    NODE_ENV: "production",
    ...supabase.appSettings,
    CRON_SECRET: randomUUID(),
    ...falSettings(fal, url),
  }));
  supabase.authConfig.site_url = server.url;
  supabase.authConfig.uri_allow_list = `${server.url}/**`;
  context = await browser.newContext({ baseURL: server.url });
  page = await context.newPage();
});

test.afterAll(async () => {
  await context?.close();
  await server?.stop();
  await fal?.close();
  await supabase?.close();
  await database?.stop();
});

/** The credit badge: its accessible name carries the balance. */
const badge = (credits: number) =>
  page.getByRole("link", { name: `Balance: ${credits} credits. Get more credits` });

/**
 * GET an API path from the page, with the browser's cookies. Not page.request: its pooled
 * connection, idle past the server's keep-alive timeout while a token expires, can be reset.
 */
async function getJson(path: string) {
  const { status, body } = await page.evaluate(async (url) => {
    const response = await fetch(url);
    return { status: response.status, body: await response.json() };
  }, path);
  expect(status, JSON.stringify(body)).toBe(200);
  return body;
}

const me = () => getJson("/api/me");

async function jobIds(): Promise<string[]> {
  return (await getJson("/api/jobs")).jobs.map((job: { id: string }) => job.id);
}

const refreshes = () =>
  supabase.calls.filter(
    (call) =>
      call.method === "POST" && call.path === "/auth/v1/token" && call.query.grant_type === "refresh_token",
  );

test("a visitor becomes a guest through Supabase Auth, with the catalog and the free credits", async () => {
  await page.goto("/");
  // The catalog comes from the catalog migration, through PostgREST.
  await expect(
    page
      .getByRole("region", { name: en.home.allModels })
      .getByRole("listitem")
      .filter({ hasText: "LTX-2 Fast" }),
  ).toBeVisible();
  const created = page.waitForResponse((r) => r.url().endsWith("/api/session/guest"));
  await page.getByRole("button", { name: en.onboarding.start }).click();
  expect((await created).status()).toBeLessThan(300);
  await expect(badge(FREE_CREDITS)).toBeVisible();

  // One anonymous sign-up at GoTrue, made with the secret key for the visitor's own address.
  const signups = supabase.calls.filter((call) => call.method === "POST" && call.path === "/auth/v1/signup");
  expect(signups).toHaveLength(1);
  expect(signups[0]?.headers.apikey).toBe(supabase.secretKey);
  expect(signups[0]?.headers["sb-forwarded-for"]).toBe("127.0.0.1");
  expect(signups[0]?.status).toBe(200);

  const guest = await me();
  expect(guest).toMatchObject({ isGuest: true, email: null, credits: FREE_CREDITS });
  expect((await browserSession(context))?.userId).toBe(guest.id);
  person.userId = guest.id;
});

test("a fal video is charged, completed by the webhook, stored in and played from Supabase Storage", async () => {
  test.setTimeout(120_000);
  fal.script("hang");
  await page.goto(`/create/${MODEL}`);
  await page.getByLabel(en.create.prompt.label).fill(PROMPTS[0] as string);
  await page.getByRole("button", { name: new RegExp(en.create.generate.button) }).click();
  await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
  const jobId = new URL(page.url()).pathname.split("/").at(-1) as string;
  person.jobs.push(jobId);
  expect(fal.count("POST", "/fal-ai/ltx-2/text-to-video/fast")).toBe(1);
  await expect(page.locator("header[data-status]")).toHaveAttribute("data-status", "pending");
  expect((await me()).credits).toBe(FREE_CREDITS - 3);

  await finishAtFal(fal, jobId);
  await expect(page.getByTestId("result-title")).toHaveText(en.result.status.completedTitle, {
    timeout: 60_000,
  });
  const { source, duration } = await playResultVideo(page);
  expect(source).toMatch(
    new RegExp(`^${supabase.url}/storage/v1/object/sign/videos/${person.userId}/${jobId}\\.mp4\\?token=`),
  );
  expect(duration).toBeCloseTo(2, 0);

  const video = supabase.objects.get(`videos/${person.userId}/${jobId}.mp4`);
  const thumbnail = supabase.objects.get(`thumbnails/${person.userId}/${jobId}.jpg`);
  expect(video?.contentType).toBe("video/mp4");
  expect(video?.data.byteLength).toBeGreaterThan(1000);
  expect(thumbnail?.contentType).toBe("image/jpeg");
  expect(thumbnail?.data.byteLength).toBeGreaterThan(100);
  expect((await me()).credits).toBe(FREE_CREDITS - 3);
});

test("History lists both jobs with thumbnails from Storage, signed by the server in one call per bucket", async () => {
  test.setTimeout(120_000);
  // A second job, through the API the create screen uses, so a page of History has two.
  fal.script("hang");
  const model = await (await page.request.get(`/api/models/${MODEL}`)).json();
  const created = await page.request.post("/api/jobs", {
    data: { modelId: model.model.id, prompt: PROMPTS[1], settings: {} },
    headers: { "idempotency-key": randomUUID() },
  });
  expect(created.status(), await created.text()).toBe(202);
  const jobId = (await created.json()).job.id as string;
  person.jobs.unshift(jobId);
  await finishAtFal(fal, jobId);
  await expect
    .poll(async () => (await getJson(`/api/jobs/${jobId}`)).job.status, {
      timeout: 60_000,
    })
    .toBe("completed");

  const signs = () => ({
    videos: supabase.count("POST", "/storage/v1/object/sign/videos"),
    thumbnails: supabase.count("POST", "/storage/v1/object/sign/thumbnails"),
  });
  const before = signs();
  // History's first page is listed by the server (in the page as sent), which signs the page in
  // one call per bucket whatever the number of jobs; the browser starts from that page and does
  // not list it again on arrival.
  let browserListings = 0;
  page.on("response", (r) => {
    if (new URL(r.url()).pathname === "/api/jobs") browserListings++;
  });
  await page.goto("/history");
  const cards = page.getByTestId("history-card");
  await expect(cards).toHaveCount(2);
  for (const [index, id] of person.jobs.entries()) {
    const card = cards.nth(index);
    await expect(card).toHaveAttribute("data-status", "completed");
    await expect(card).toContainText(PROMPTS[1 - index] as string);
    const image = card.locator("img");
    await expect(image).toHaveAttribute(
      "src",
      new RegExp(`^${supabase.url}/storage/v1/object/sign/thumbnails/${person.userId}/${id}\\.jpg\\?token=`),
    );
    await expect
      .poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth))
      .toBeGreaterThan(0);
  }
  const after = signs();
  expect(browserListings).toBe(0);
  expect(after.videos - before.videos).toBe(1);
  expect(after.thumbnails - before.thumbnails).toBe(1);
});

test("an expired session is renewed once by the proxy, and the page shows the same guest", async () => {
  test.setTimeout(120_000);
  // supabase-js renews a session within 90 s of its expiry: the renewed token lives an hour, so
  // the reload below has nothing to renew.
  supabase.authConfig.jwt_exp = 3600;
  const old = await browserSession(context);
  expect(old).not.toBeNull();
  await expect
    .poll(() => Date.now() / 1000 > (old?.expiresAt ?? 0), {
      timeout: (ACCESS_TOKEN_SECONDS + 5) * 1000,
      intervals: [1000],
    })
    .toBe(true);

  const before = refreshes().length;
  await page.goto("/");
  await expect(badge(FREE_CREDITS - 6)).toBeVisible();
  const renewed = await browserSession(context);
  expect(renewed?.userId).toBe(person.userId);
  expect(renewed?.accessToken).not.toBe(old?.accessToken);
  expect(renewed?.refreshToken).not.toBe(old?.refreshToken);
  expect(renewed?.expiresAt).toBeGreaterThan(Date.now() / 1000 + 3000);
  expect(await me()).toMatchObject({
    id: person.userId,
    isGuest: true,
    credits: FREE_CREDITS - 6,
  });
  const calls = refreshes().slice(before);
  expect(calls).toHaveLength(1);
  // A renewal is limited per address too: it carries the person's.
  expect(calls[0]?.headers["sb-forwarded-for"]).toBe("127.0.0.1");
  expect(calls[0]?.status).toBe(200);

  await page.reload();
  await expect(badge(FREE_CREDITS - 6)).toBeVisible();
  expect((await me()).id).toBe(person.userId);
  expect(refreshes().length).toBe(before + 1);
  expect((await browserSession(context))?.accessToken).toBe(renewed?.accessToken);
});

test("the guest signs in with an emailed code and stays the same user, credits and history kept", async () => {
  const email = `e2e-${randomUUID().slice(0, 8)}@example.com`;
  await page.goto("/sign-in");
  await page.getByLabel(en.auth.emailLabel).fill(email);
  await page.getByRole("button", { name: en.auth.sendCode }).click();
  await expect(page.getByTestId("code-sent")).toContainText(email);
  const code = supabase.lastCode(email);
  expect(code).toMatch(/^\d{6}$/);
  const verified = page.waitForResponse((r) => r.url().endsWith("/api/auth/email/verify"));
  await page.getByLabel(en.auth.codeLabel).fill(code as string);
  expect((await verified).status()).toBe(200);
  await page.waitForURL((url) => url.pathname === "/profile");

  expect(await me()).toMatchObject({
    id: person.userId,
    isGuest: false,
    email,
    credits: FREE_CREDITS - 6,
  });
  expect(await jobIds()).toEqual(person.jobs);
  expect((await browserSession(context))?.userId).toBe(person.userId);
});

test("every renewal of the session carried the person's address", () => {
  // Route handlers, pages and the proxy all renew; each must count against the person.
  const renewals = refreshes();
  expect(renewals.length).toBeGreaterThan(1);
  const withoutAddress = renewals.filter(
    (call) => call.headers["sb-forwarded-for"] !== "127.0.0.1" || call.headers.apikey !== supabase.secretKey,
  );
  expect(withoutAddress).toHaveLength(0);
});

test("nothing was written to the app's DATA_DIR", () => {
  expect(readdirSync(server.dataDir, { recursive: true })).toEqual([]);
});
