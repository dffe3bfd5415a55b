// `npm run bench:pages` (after `npm run build`): first-load JavaScript of each screen, as bytes on
// the wire (compressed) and decoded, measured in Chromium against the app server (scripts/serve.mjs) on a fresh
// embedded database. Prints figures; asserts nothing.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const port = 3199;
const base = `http://127.0.0.1:${port}`;
const dataDir = path.resolve(".test-data/measure");
rmSync(dataDir, { recursive: true, force: true });
const server = spawn("node", ["scripts/serve.mjs", "-p", String(port), "-H", "127.0.0.1"], {
  env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", NEXT_PUBLIC_SUPABASE_URL: "" },
  stdio: "ignore",
  detached: true,
});
try {
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 120) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
  });
  const context = await browser.newContext({ serviceWorkers: "block" }); // a first visit: no worker serving from its precache
  await context.request.post(`${base}/api/session/guest`, { data: {}, headers: { origin: base } });
  const pages = ["/", "/create/ltx-2-fast", "/history", "/profile"];
  console.log("page                     JS files  on the wire   decoded");
  for (const pathname of pages) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    // Each screen as a first visit would load it: nothing from the previous page's cache.
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const scripts = new Map();
    cdp.on("Network.responseReceived", (e) => {
      if (e.type === "Script") scripts.set(e.requestId, { wire: 0, decoded: 0 });
    });
    cdp.on("Network.dataReceived", (e) => {
      const s = scripts.get(e.requestId);
      if (s) s.decoded += e.dataLength;
    });
    cdp.on("Network.loadingFinished", (e) => {
      const s = scripts.get(e.requestId);
      if (s) s.wire = e.encodedDataLength;
    });
    await page.goto(base + pathname, { waitUntil: "networkidle" });
    const all = [...scripts.values()];
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
    const wire = all.reduce((a, s) => a + s.wire, 0);
    const decoded = all.reduce((a, s) => a + s.decoded, 0);
    console.log(`${pathname.padEnd(24)} ${String(all.length).padStart(8)}  ${kb(wire)}  ${kb(decoded)}`);
    await page.close();
  }
  await browser.close();
} finally {
  process.kill(-server.pid, "SIGTERM");
}
