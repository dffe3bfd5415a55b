// Captures the manifest's screenshots from the real app with Chromium (Playwright): Home for a
// person who has started, light theme, phone (1080×1920) and wide (1920×1080).
//
//   npm run build && npm start      (in another shell), then
//   npm run screenshots -- http://127.0.0.1:3000
//
// Writes public/screenshots/home-narrow.png and home-wide.png (committed).

import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";

const baseURL = process.argv[2] ?? "http://127.0.0.1:3000";
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "public", "screenshots");

const shots = [
  { file: "home-narrow.png", viewport: { width: 360, height: 640 }, deviceScaleFactor: 3, isMobile: true },
  { file: "home-wide.png", viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1.5, isMobile: false },
];

await mkdir(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
try {
  for (const { file, ...device } of shots) {
    const context = await browser.newContext({
      ...device,
      hasTouch: device.isMobile,
      baseURL,
      colorScheme: "light",
      locale: "en-US",
      reducedMotion: "reduce",
    });
    // A started guest: Home as it looks every day, without the one-time welcome and install hints.
    const started = await context.request.post("/api/session/guest");
    if (!started.ok()) throw new Error(`guest start failed: ${started.status()}`);
    // Home seen before (components/onboarding/home-seen.ts): no welcome banner.
    await context.addCookies([{ name: "rendio_home_seen", value: "1", url: baseURL }]);
    await context.addInitScript(() => localStorage.setItem("rendio.installHintDismissed", "1"));
    const page = await context.newPage();
    await page.goto("/", { waitUntil: "networkidle" });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(outDir, file) });
    console.log(`public/screenshots/${file}`);
    await context.close();
  }
} finally {
  await browser.close();
}
