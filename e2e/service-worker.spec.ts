import { expect, test } from "@playwright/test";
import { cachedPaths, waitForController } from "../scripts/test-support/e2e/sw";

/**
 * The service worker of the production build (public/sw.js from scripts/build-sw.mjs): how it is
 * served, and that it registers and controls the page with its precache and runtime caches. The
 * update flow is e2e/service-worker-update.spec.ts, which runs alone.
 */

// Installing the worker precaches the app shell (~1 MB) before it can control a page.
test.setTimeout(120_000);

let address = 0;
test.beforeEach(async ({ context }, info) => {
  address += 1;
  const project = info.project.name === "chromium-mobile" ? 2 : 1;
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `10.52.${project}.${address}` });
});

test("sw.js is served uncached, as JavaScript, with a strict CSP and an injected manifest", async ({
  request,
}) => {
  const response = await request.get("/sw.js");
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers["cache-control"]).toBe("no-cache, no-store, must-revalidate");
  expect(headers["content-type"]).toBe("application/javascript; charset=utf-8");
  expect(headers["content-security-policy"]).toBe(
    "default-src 'self'; script-src 'self'; connect-src 'self'",
  );
  const body = await response.text();
  expect(body).not.toContain("__WB_MANIFEST");
  expect(body).toMatch(/"\/offline"/);
  expect(body).toMatch(/\/_next\/static\/[^"]+\.js/);
});

test("the worker registers, controls the page and fills its caches", async ({ page }) => {
  await page.goto("/");
  await waitForController(page);
  const registration = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return { scope: reg.scope, script: reg.active?.scriptURL };
  });
  expect(new URL(registration.scope).pathname).toBe("/");
  expect(new URL(registration.script ?? "").pathname).toBe("/sw.js");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/);

  const names = await page.evaluate(() => caches.keys());
  const precache = names.find((name) => name.startsWith("workbox-precache-v2-"));
  expect(precache).toBeDefined();
  const precached = await cachedPaths(page, precache ?? "");
  expect(precached.some((path) => path.startsWith("/offline?__WB_REVISION__="))).toBe(true);
  expect(precached.filter((path) => path.startsWith("/_next/static/")).length).toBeGreaterThan(5);
  // The reload went through the worker's network-first page route.
  await expect.poll(() => cachedPaths(page, "rendio-pages")).toContain("/");
});
