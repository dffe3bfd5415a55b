// First-load JavaScript of a page as a phone's first visit loads it: Chromium with a phone
// viewport, the HTTP cache off and service workers blocked (nothing served from a precache).
// Counted: every script the page loads without being touched, as bytes on the wire (compressed,
// with headers) and decoded.
import { type Browser, chromium, devices } from "@playwright/test";

export type PageTarget = { name: string; url: string; cookie?: string };
export type FirstLoad = { name: string; url: string; files: number; wire: number; decoded: number };

async function measure(browser: Browser, target: PageTarget): Promise<FirstLoad> {
  const context = await browser.newContext({ ...devices["Pixel 7"], serviceWorkers: "block" });
  if (target.cookie) {
    await context.addCookies(
      target.cookie.split("; ").map((pair) => {
        const at = pair.indexOf("=");
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url: new URL(target.url).origin };
      }),
    );
  }
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const scripts = new Map<string, { wire: number; decoded: number }>();
  cdp.on("Network.responseReceived", (event) => {
    if (event.type === "Script") scripts.set(event.requestId, { wire: 0, decoded: 0 });
  });
  cdp.on("Network.dataReceived", (event) => {
    const script = scripts.get(event.requestId);
    if (script) script.decoded += event.dataLength;
  });
  cdp.on("Network.loadingFinished", (event) => {
    const script = scripts.get(event.requestId);
    if (script) script.wire = event.encodedDataLength;
  });
  const response = await page.goto(target.url, { waitUntil: "networkidle" });
  if (!response?.ok()) throw new Error(`${target.url} answered ${response?.status()}`);
  // Scripts a page loads once idle (after hydration) count too: wait until none came for 2 s.
  for (let seen = -1; seen !== scripts.size; ) {
    seen = scripts.size;
    await page.waitForTimeout(2000);
  }
  await context.close();
  const all = [...scripts.values()];
  return {
    name: target.name,
    url: target.url,
    files: all.length,
    wire: all.reduce((sum, script) => sum + script.wire, 0),
    decoded: all.reduce((sum, script) => sum + script.decoded, 0),
  };
}

/** Each page in a context of its own, one after the other. */
export async function firstLoadJs(targets: PageTarget[]): Promise<FirstLoad[]> {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const results: FirstLoad[] = [];
    for (const target of targets) results.push(await measure(browser, target));
    return results;
  } finally {
    await browser.close();
  }
}
