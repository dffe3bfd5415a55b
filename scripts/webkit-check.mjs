// `npm run test:webkit`: the core flow on a real WebKit engine — WebKitGTK's MiniBrowser driven by
// WebKitWebDriver under Xvfb (Playwright's own WebKit cannot be downloaded here, and Safari is the
// main target). A new visitor onboards as a guest, opens a model (its segmented controls are measured:
// WebKit lays out a fieldset's legend its own way), generates, the video plays and the service
// worker registers. It starts its own Xvfb, driver and app server (fresh data dir,
// free ports unless E2E_PORT / WEBKIT_DRIVER_PORT are given), prints each step with its time,
// keeps a screenshot in .test-data/reports/, writes webkit.json for the test runner's summary,
// and exits non-zero on failure. Needs `npm run build` first.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { remote } from "webdriverio";
import en from "../messages/en.json" with { type: "json" };

const reports = path.resolve(".test-data/reports");
const dataDir = path.resolve(".test-data/webkit");
const driverBinary = "/usr/bin/WebKitWebDriver";
const miniBrowser = readdirSync("/usr/lib")
  .map((dir) => `/usr/lib/${dir}/webkit2gtk-4.1/MiniBrowser`)
  .find((file) => existsSync(file));
const PROMPT = "A lighthouse in a storm at night, waves breaking over the rocks, cinematic";
const MODEL = "ltx-2-fast";

const children = [];
const steps = [];
let browser;
let failedStep;
let stopping = false;

function start(command, args, env = {}) {
  // Own process group, so stopping it also stops what it started (MiniBrowser, the app server).
  const child = spawn(command, args, {
    detached: true,
    stdio: ["ignore", "ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let log = "";
  child.stderr.on("data", (chunk) => {
    log = (log + chunk).slice(-4000);
  });
  child.log = () => log;
  children.push(child);
  return child;
}

function stopAll() {
  for (const child of children.reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what, check, timeoutMs, everyMs = 250) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await sleep(everyMs);
  }
  throw new Error(
    `timed out after ${timeoutMs / 1000}s waiting for ${what}${last ? ` (${last.message})` : ""}`,
  );
}

async function step(name, run) {
  const started = Date.now();
  try {
    const detail = await run();
    const seconds = (Date.now() - started) / 1000;
    steps.push({ name, seconds, ok: true });
    console.log(`  ✓ ${name} (${seconds.toFixed(1)}s)${detail ? ` — ${detail}` : ""}`);
    return detail;
  } catch (error) {
    const seconds = (Date.now() - started) / 1000;
    steps.push({ name, seconds, ok: false, error: error.message });
    console.log(`  ✖ ${name} (${seconds.toFixed(1)}s)`);
    failedStep = name;
    throw error;
  }
}

/** Xvfb on a display it picks itself (-displayfd), so parallel runs never clash. */
async function startXvfb() {
  const xvfb = start("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x900x24", "-nolisten", "tcp"]);
  const display = await new Promise((resolve, reject) => {
    let text = "";
    xvfb.stdio[3].on("data", (chunk) => {
      text += chunk;
      if (text.includes("\n")) resolve(`:${text.trim()}`);
    });
    xvfb.on("exit", (code) => reject(new Error(`Xvfb exited (${code}): ${xvfb.log()}`)));
  });
  return display;
}

async function httpOk(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return response.ok;
}

/** Clicks the first displayed element the selector matches (Home lists a model in more than one place). */
async function clickDisplayed(selector, what) {
  const element = await until(
    what,
    async () => {
      for (const candidate of await browser.$$(selector)) {
        if ((await candidate.isDisplayed()) && (await candidate.isEnabled())) return candidate;
      }
      return undefined;
    },
    20_000,
  );
  await element.scrollIntoView({ block: "center" });
  await element.click();
}

const path_ = async () => new URL(await browser.getUrl()).pathname;

async function run() {
  const missing = [
    [driverBinary, "webkit2gtk-driver"],
    [miniBrowser ?? "/usr/lib/<arch>/webkit2gtk-4.1/MiniBrowser", "webkit2gtk-driver"],
    ["/usr/bin/Xvfb", "xvfb"],
  ].filter(([file]) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `missing ${missing.map(([file]) => file).join(", ")}: sudo apt-get install -y ${[...new Set(missing.map(([, pkg]) => pkg))].join(" ")}`,
    );
  }
  if (!existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npm run build` first");

  const appPort = process.env.E2E_PORT ?? String(await freePort());
  const driverPort = process.env.WEBKIT_DRIVER_PORT ?? String(await freePort());
  const base = `http://127.0.0.1:${appPort}`;

  await step("start Xvfb, WebKitWebDriver and the app", async () => {
    const display = await startXvfb();
    const driver = start(driverBinary, [`--port=${driverPort}`, "--host=127.0.0.1"], { DISPLAY: display });
    const app = start("node", ["scripts/e2e-server.mjs"], { E2E_PORT: appPort, E2E_DATA_DIR: dataDir });
    for (const [name, child] of [
      ["WebKitWebDriver", driver],
      ["app server", app],
    ]) {
      child.on("exit", (code) => {
        if (!stopping) console.error(`${name} exited (${code}): ${child.log()}`);
      });
    }
    await until("WebKitWebDriver", () => httpOk(`http://127.0.0.1:${driverPort}/status`), 20_000);
    await until("the app's /api/health", () => httpOk(`${base}/api/health`), 120_000);
    return `display ${display}, driver :${driverPort}, app :${appPort}`;
  });

  await step("new WebKit session", async () => {
    browser = await remote({
      hostname: "127.0.0.1",
      port: Number(driverPort),
      path: "/",
      logLevel: "silent",
      connectionRetryCount: 0,
      capabilities: {
        "webkitgtk:browserOptions": { binary: miniBrowser, args: ["--automation"] },
      },
    });
    await browser.setTimeout({ script: 30_000 });
    const agent = await browser.execute(() => navigator.userAgent);
    return agent.match(/AppleWebKit\/\S+/)?.[0];
  });

  await step("welcome → Start creating → guest with credits", async () => {
    await browser.url(`${base}/`);
    await clickDisplayed(`button*=${en.onboarding.start}`, "the Start creating button");
    const badge = await browser.$('a[aria-label^="Balance: "]');
    await badge.waitForDisplayed({ timeout: 20_000 });
    const credits = Number(await badge.getText());
    if (!(credits > 0)) throw new Error(`the balance badge shows "${await badge.getText()}"`);
    return `${credits} credits`;
  });

  const cost = await step("open a model, type a prompt", async () => {
    await clickDisplayed(`a[href$="/create/${MODEL}"]`, `a link to ${MODEL}`);
    await until(`/create/${MODEL}`, async () => (await path_()).endsWith(`/create/${MODEL}`), 20_000);
    const prompt = await browser.$("#prompt");
    await prompt.waitForEnabled({ timeout: 20_000 });
    await prompt.setValue(PROMPT);
    // The form counts what React received, so this proves the typing reached the app, not just the DOM.
    const counter = await browser.$("#prompt-counter");
    await until(
      "the prompt counter to count the typed prompt",
      async () => (await counter.getText()).startsWith(`${PROMPT.length} /`),
      5_000,
    );
    const costText = await browser.execute(
      () => document.querySelector('[data-testid="cost"]')?.textContent ?? "",
    );
    const credits = Number(costText.match(/\d+/)?.[0]);
    if (!(credits > 0)) throw new Error(`the cost reads "${costText}"`);
    return credits;
  });

  // A flex <legend> leaves a blank band (29 px) under its fieldset in WebKit only: each segmented
  // control must be exactly its legend, the 8 px gap and its options.
  await step("segmented controls: no blank band", async () => {
    const controls = await browser.execute(() =>
      [...document.querySelectorAll("fieldset")]
        .filter((fieldset) => fieldset.querySelector('input[type="radio"]'))
        .map((fieldset) => {
          const legend = fieldset.querySelector("legend").getBoundingClientRect();
          const options = fieldset.querySelector("legend + *").getBoundingClientRect();
          const box = fieldset.getBoundingClientRect();
          return {
            name: fieldset.querySelector("legend").textContent.trim(),
            height: box.height,
            expected: options.bottom - legend.top,
          };
        }),
    );
    if (controls.length === 0) throw new Error("no segmented control on the create page");
    const banded = controls.filter((control) => Math.abs(control.height - control.expected) > 1);
    if (banded.length > 0) {
      throw new Error(
        banded
          .map(
            ({ name, height, expected }) =>
              `"${name}" is ${height}px tall, its legend and options ${expected}px`,
          )
          .join("; "),
      );
    }
    return controls.map(({ name, height }) => `${name} ${height}px`).join(", ");
  });

  await step("Generate → job page", async () => {
    await clickDisplayed(`button*=${en.create.generate.button}`, "an enabled Generate button");
    const jobPath = await until(
      "the job page",
      async () => {
        const current = await path_();
        return /\/jobs\/[0-9a-f-]{36}$/.test(current) && current;
      },
      30_000,
    );
    return `${jobPath}, cost ${cost}`;
  });

  await step("wait for the result", async () => {
    const title = await browser.$('[data-testid="result-title"]');
    await until(
      `"${en.result.status.completedTitle}"`,
      async () => (await title.getText()) === en.result.status.completedTitle,
      90_000,
      500,
    );
  });

  await step("the video plays", async () => {
    const video = await browser.$('[data-testid="result-video"]');
    await video.waitForExist({ timeout: 10_000 });
    const played = await browser.executeAsync((done) => {
      const element = document.querySelector('[data-testid="result-video"]');
      element.muted = true;
      element.play().then(
        () => done("ok"),
        (error) => done(`${error.name}: ${error.message}`),
      );
    });
    if (played !== "ok") throw new Error(`play() rejected: ${played}`);
    const state = () =>
      browser.execute(() => {
        const element = document.querySelector('[data-testid="result-video"]');
        return {
          readyState: element.readyState,
          duration: element.duration,
          currentTime: element.currentTime,
          error: element.error ? `${element.error.code} ${element.error.message}` : null,
        };
      });
    const first = await until(
      "readyState ≥ 2 and a duration",
      async () => {
        const now = await state();
        if (now.error) throw new Error(`media error ${now.error}`);
        return now.readyState >= 2 && now.duration > 0 && now;
      },
      15_000,
    );
    const later = await until(
      "currentTime to advance",
      async () => {
        const now = await state();
        return now.currentTime > first.currentTime + 0.2 && now;
      },
      10_000,
    );
    return `readyState ${later.readyState}, duration ${later.duration.toFixed(2)}s, currentTime ${first.currentTime.toFixed(2)} → ${later.currentTime.toFixed(2)}`;
  });

  await step("the service worker registers", async () => {
    const result = await browser.executeAsync((done) => {
      if (!("serviceWorker" in navigator)) return done({ error: "navigator.serviceWorker is missing" });
      const timer = setTimeout(
        () => done({ error: "navigator.serviceWorker.ready did not resolve in 20 s" }),
        20_000,
      );
      navigator.serviceWorker.ready.then(async (ready) => {
        clearTimeout(timer);
        const registration = await navigator.serviceWorker.getRegistration("/");
        done({
          scope: ready.scope,
          script: ready.active?.scriptURL,
          registered: registration?.scope ?? null,
        });
      });
    });
    if (result.error) throw new Error(result.error);
    if (result.scope !== `${base}/` || result.registered !== `${base}/`) {
      throw new Error(`unexpected scope: ${JSON.stringify(result)}`);
    }
    return `scope ${new URL(result.scope).pathname}, ${new URL(result.script).pathname}`;
  });

  await step("screenshot", async () => {
    const file = path.join(reports, "webkit-core-flow.png");
    await browser.saveScreenshot(file);
    return path.relative(process.cwd(), file);
  });
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopping = true;
    stopAll();
    process.exit(130);
  });
}

mkdirSync(reports, { recursive: true });
console.log("WebKit core flow (WebKitGTK MiniBrowser under Xvfb)");
const started = Date.now();
let ok = true;
try {
  await run();
} catch (error) {
  ok = false;
  console.error(`\n✖ ${failedStep ?? "setup"}: ${error.message}`);
  if (browser) {
    const file = path.join(reports, "webkit-failure.png");
    await browser
      .saveScreenshot(file)
      .then(() => console.error(`  screenshot: ${path.relative(process.cwd(), file)}`))
      .catch(() => {});
  }
} finally {
  stopping = true;
  await browser?.deleteSession().catch(() => {});
  stopAll();
}
const seconds = (Date.now() - started) / 1000;
writeFileSync(
  path.join(reports, "webkit.json"),
  `${JSON.stringify({ passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds, steps }, null, 2)}\n`,
);
console.log(`${ok ? "✓ passed" : "✖ failed"} in ${seconds.toFixed(1)}s`);
process.exit(ok ? 0 : 1);
