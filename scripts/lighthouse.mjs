// `npm run lighthouse`: Lighthouse 12 (mobile form factor, Debian Chromium) on Home, a model's
// create page and History of the built app, for a guest with finished videos so every page renders
// real content. Prints the scores and paint/blocking figures; keeps the HTML and JSON reports in
// .test-data/lighthouse/. Informational: nothing is asserted. Needs `npm run build` first.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const out = path.resolve(".test-data/lighthouse");
const dataDir = path.resolve(".test-data/lighthouse-data");
const categories = ["performance", "accessibility", "best-practices", "seo"];
const chromeFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function until(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    await sleep(500);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A guest made through the real routes, with two finished videos for History. */
async function prepareGuest(base) {
  const guest = await fetch(`${base}/api/session/guest`, { method: "POST" });
  if (!guest.ok) throw new Error(`POST /api/session/guest → ${guest.status}: ${await guest.text()}`);
  const cookie = guest.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .join("; ");
  const headers = { cookie, "content-type": "application/json" };

  const { models } = await (await fetch(`${base}/api/models`)).json();
  // The cheapest text model (3 credits at its defaults), so the guest's free credits pay for two.
  const model = models.find((candidate) => candidate.slug === "ltx-2-fast") ?? models[0];
  for (const prompt of ["A paper boat on a rainy street, close up", "Northern lights over a frozen lake"]) {
    const created = await fetch(`${base}/api/jobs`, {
      method: "POST",
      headers: { ...headers, "idempotency-key": randomUUID() },
      body: JSON.stringify({ modelId: model.id, prompt, settings: {} }),
    });
    if (created.status !== 202)
      throw new Error(`POST /api/jobs → ${created.status}: ${await created.text()}`);
    const { job } = await created.json();
    await until(
      `job ${job.id} to finish`,
      async () => {
        const { job: now } = await (await fetch(`${base}/api/jobs/${job.id}`, { headers })).json();
        return now.status === "completed" || now.status === "failed";
      },
      120_000,
    );
  }
  return { cookie, model };
}

function row(name, lhr) {
  const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const audit = (id) => lhr.audits[id]?.numericValue ?? Number.NaN;
  return {
    page: name,
    performance: score("performance"),
    accessibility: score("accessibility"),
    "best-practices": score("best-practices"),
    seo: score("seo"),
    "FCP s": (audit("first-contentful-paint") / 1000).toFixed(2),
    "LCP s": (audit("largest-contentful-paint") / 1000).toFixed(2),
    "TBT ms": Math.round(audit("total-blocking-time")),
    CLS: audit("cumulative-layout-shift").toFixed(3),
  };
}

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npm run build` first");
  if (!existsSync("/usr/bin/chromium"))
    throw new Error("Chromium is missing: sudo apt-get install -y chromium");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  const port = process.env.LIGHTHOUSE_PORT ?? String(await freePort());
  const base = `http://127.0.0.1:${port}`;
  const app = spawn("node", ["scripts/e2e-server.mjs"], {
    detached: true,
    stdio: "ignore",
    env: { ...process.env, E2E_PORT: port, E2E_DATA_DIR: dataDir },
  });
  let chrome;
  try {
    await until("the app's /api/health", async () => (await fetch(`${base}/api/health`)).ok, 120_000);
    const { cookie, model } = await prepareGuest(base);
    const pages = [
      ["home", "/"],
      ["model detail", `/create/${model.slug}`],
      ["history", "/history"],
    ];
    // One request each first, so the first audit does not pay for a cold server.
    for (const [, page] of pages) await fetch(`${base}${page}`, { headers: { cookie } });

    const rows = [];
    for (const [name, page] of pages) {
      const started = Date.now();
      // A fresh browser per page: the previous page's service worker and IndexedDB stay out of it.
      chrome = await chromeLauncher.launch({ chromePath: "/usr/bin/chromium", chromeFlags });
      const result = await lighthouse(`${base}${page}`, {
        port: chrome.port,
        output: ["html", "json"],
        logLevel: "error",
        onlyCategories: categories,
        extraHeaders: { Cookie: cookie },
      });
      const file = path.join(out, name.replace(/\W+/g, "-"));
      writeFileSync(`${file}.report.html`, result.report[0]);
      writeFileSync(`${file}.report.json`, result.report[1]);
      await chrome.kill();
      chrome = undefined;
      rows.push(row(`${name} (${page})`, result.lhr));
      const warnings = result.lhr.runWarnings.length
        ? `, warnings: ${result.lhr.runWarnings.join("; ")}`
        : "";
      console.log(`  ${name}: ${((Date.now() - started) / 1000).toFixed(1)}s${warnings}`);
    }
    console.log(`\nLighthouse 12, mobile form factor — ${base}`);
    console.table(rows);
    console.log(`Reports: ${path.relative(process.cwd(), out)}/`);
  } finally {
    await chrome?.kill();
    try {
      process.kill(-app.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
}

main().catch((error) => {
  console.error(`✖ ${error.message}`);
  process.exit(1);
});
