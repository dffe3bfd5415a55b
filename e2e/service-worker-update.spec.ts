import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import en from "../messages/en.json" with { type: "json" };
import { waitForController } from "../scripts/test-support/e2e/sw";

/**
 * The service worker's update flow: a new version waits for the person's "Reload", never a
 * surprise reload. A new deploy is played by rewriting public/sw.js for a moment, which every
 * page of the server would see: playwright.config.ts runs this file in a project of its own,
 * after every other test.
 */

// Installing the worker precaches the app shell (~1 MB) before it can control a page.
test.setTimeout(120_000);

test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": "10.52.3.1" });
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
