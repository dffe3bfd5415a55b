// Lighthouse 12 (mobile form factor, simulated throttling, Debian Chromium), several runs per
// page, the pages taken in turn each round so a busy moment of the machine falls on all of them.
// Keeps each run's HTML and JSON report in .test-data/lighthouse/.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import type { PageTarget } from "./pages";
import { idleBeforePaintMs } from "./paint-wait";

const out = path.resolve(".test-data/lighthouse");
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

export type LighthouseRun = {
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** When the first contentful paint came in the run itself (not simulated). */
  observedFcpMs: number;
  /** How much of the time before that paint the main thread was idle (see paint-wait.ts). */
  idleBeforePaintMs: number;
};

/** A page's runs and, for each figure, its median over them. */
export type LighthouseResult = { name: string; url: string; runs: LighthouseRun[]; median: LighthouseRun };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function audit(target: PageTarget, file: string): Promise<{ run: LighthouseRun; warnings: string[] }> {
  // A fresh browser per run: nothing of the previous page (worker, storage, cache) stays.
  const chrome = await chromeLauncher.launch({ chromePath: "/usr/bin/chromium", chromeFlags });
  try {
    const result = await lighthouse(target.url, {
      port: chrome.port,
      output: ["html", "json"],
      logLevel: "error",
      onlyCategories: categories,
      extraHeaders: target.cookie ? { Cookie: target.cookie } : undefined,
    });
    if (!result) throw new Error(`Lighthouse gave no result for ${target.url}`);
    const [html, json] = result.report as string[];
    writeFileSync(`${file}.report.html`, html ?? "");
    writeFileSync(`${file}.report.json`, json ?? "");
    const { lhr } = result;
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const value = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
    const observed = (lhr.audits.metrics?.details as { items?: { observedFirstContentfulPaint?: number }[] })
      ?.items?.[0]?.observedFirstContentfulPaint;
    const trace = (result.artifacts as { Trace?: { traceEvents: Parameters<typeof idleBeforePaintMs>[0] } })
      .Trace;
    return {
      run: {
        performance: score("performance"),
        accessibility: score("accessibility"),
        bestPractices: score("best-practices"),
        seo: score("seo"),
        fcpMs: value("first-contentful-paint"),
        lcpMs: value("largest-contentful-paint"),
        tbtMs: value("total-blocking-time"),
        cls: value("cumulative-layout-shift"),
        observedFcpMs: observed ?? Number.NaN,
        idleBeforePaintMs: (trace && idleBeforePaintMs(trace.traceEvents)) ?? Number.NaN,
      },
      warnings: lhr.runWarnings,
    };
  } finally {
    chrome.kill();
  }
}

export async function lighthouseFigures(
  targets: PageTarget[],
  runs: number,
  log: (line: string) => void,
): Promise<LighthouseResult[]> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const collected = new Map<string, LighthouseRun[]>(targets.map((target) => [target.name, []]));
  for (let round = 1; round <= runs; round++) {
    for (const target of targets) {
      const started = Date.now();
      const file = path.join(out, `${target.name.replace(/\W+/g, "-")}-${round}`);
      const { run, warnings } = await audit(target, file);
      collected.get(target.name)?.push(run);
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      log(
        `  lighthouse ${round}/${runs} ${target.name.padEnd(8)} perf ${run.performance}, ` +
          `TBT ${Math.round(run.tbtMs)} ms, LCP ${(run.lcpMs / 1000).toFixed(2)} s, CLS ${run.cls.toFixed(3)}; ` +
          `first paint at ${Math.round(run.observedFcpMs)} ms, ${Math.round(run.idleBeforePaintMs)} ms of it idle ` +
          `(${seconds} s)${warnings.length ? `; warnings: ${warnings.join("; ")}` : ""}`,
      );
    }
  }
  return targets.map((target) => {
    const all = collected.get(target.name) ?? [];
    const of = (key: keyof LighthouseRun) => median(all.map((run) => run[key]));
    return {
      name: target.name,
      url: target.url,
      runs: all,
      median: {
        performance: of("performance"),
        accessibility: of("accessibility"),
        bestPractices: of("bestPractices"),
        seo: of("seo"),
        fcpMs: of("fcpMs"),
        lcpMs: of("lcpMs"),
        tbtMs: of("tbtMs"),
        cls: of("cls"),
        observedFcpMs: of("observedFcpMs"),
        idleBeforePaintMs: of("idleBeforePaintMs"),
      },
    };
  });
}

export const lighthouseReports = path.relative(process.cwd(), out);
