import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import en from "../messages/en.json" with { type: "json" };
import { cachedPaths, waitForController } from "./support/sw";

/**
 * The service worker of the production build (public/sw.js from scripts/build-sw.mjs): how it is
 * served, that it registers and controls the page with its precache and runtime caches, and the
 * update flow — a new version waits for the person's "Reload", never a surprise reload.
 */

// The update test rewrites public/sw.js for a moment: never beside another test of this file.
test.describe.configure({ mode: "serial" });

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

test("a new version waits for Reload, then takes over the page", async ({ page }) => {
  await page.goto("/");
  await waitForController(page);
  await page.evaluate(() => {
    (window as unknown as { marker: boolean }).marker = true;
  });

  // A new deploy: the served worker changes (the browser fetches /sw.js itself, so Playwright's
  // routing never sees it; next start reads public/ per request). The addition names its version.
  const original = readFileSync(WORKER_FILE, "utf8");
  try {
    writeFileSync(WORKER_FILE, `${original}\n${NEXT_VERSION}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
    const toast = page.getByTestId("update-toast");
    await expect(toast).toContainText(en.pwa.updateReady);
  } finally {
    writeFileSync(WORKER_FILE, original);
  }

  // Waiting is not a reload: the page is the same document until the person says so.
  const toast = page.getByTestId("update-toast");
  expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
  await expect(page.getByRole("status").filter({ has: toast })).toBeVisible();
  expect(await workerVersion(page)).toBe("none");

  const reload = toast.getByRole("button", { name: en.pwa.reload });
  await reload.focus();
  await expect(reload).toBeFocused();
  await Promise.all([page.waitForEvent("load"), reload.press("Enter")]);

  expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBeUndefined();
  expect(await workerVersion(page)).toBe("next");
  await expect(page.getByTestId("update-toast")).toHaveCount(0);
});

const WORKER_FILE = path.join(import.meta.dirname, "..", "public", "sw.js");
const NEXT_VERSION = `self.addEventListener("message", (e) => { if (e.data === "version?") e.ports[0].postMessage("next"); });`;

/** Asks the controlling worker its version: "next" from the changed worker, "none" when it does not answer. */
function workerVersion(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolve(String(event.data));
        navigator.serviceWorker.controller?.postMessage("version?", [channel.port2]);
        setTimeout(() => resolve("none"), 1000);
      }),
  );
}
