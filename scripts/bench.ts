// `npm run bench`: the figures of issue #12 beside their references, measured in one run, and
// whether each goal is met: printed, never asserted. Parts: database, pages (first-load JS),
// lighthouse, http. Pages, Lighthouse and HTTP need the production build (`npm run build`).
//
//   npm run bench [-- --only pages,http] [--runs N | --quick] [--connections N] [--seconds N] [--port P]
//
// --runs: Lighthouse runs per page (median; default 3; --quick: 1). --connections/--seconds: the
// HTTP load (default 10 connections for 10 s per row). --port P: the app on P, the floor on P+1,
// PostgreSQL on P+2, the hinted floor on P+3, Home without its scripts on P+4 (default: free
// ports). The output is also written to .test-data/reports/bench.txt.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { format, parseArgs } from "node:util";
import { type App, catalog, guestWithVideos, startApp } from "./bench/app";
import { databaseFigures } from "./bench/database";
import { ensureFloorBuild, ensureHintedFloorBuild, startFloor } from "./bench/floor";
import { startHtmlOnly } from "./bench/html-only";
import { apiThroughput } from "./bench/http";
import { type LighthouseResult, lighthouseFigures, lighthouseReports } from "./bench/lighthouse";
import { type FirstLoad, firstLoadJs, type PageTarget } from "./bench/pages";
import type { Server } from "./bench/servers";
import { freePort } from "./bench/servers";
import {
  databaseRow,
  historyRow,
  httpRows,
  lighthouseRows,
  pageRows,
  type Row,
  referenceRows,
  renderList,
  renderTable,
} from "./bench/table";

const PARTS = ["database", "pages", "lighthouse", "http"] as const;
type Part = (typeof PARTS)[number];

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    runs: { type: "string", default: "3" },
    quick: { type: "boolean", default: false },
    connections: { type: "string", default: "10" },
    seconds: { type: "string", default: "10" },
    port: { type: "string" },
  },
});
const only = values.only ? values.only.split(",").map((part) => part.trim()) : [...PARTS];
const unknown = only.filter((part) => !PARTS.includes(part as Part));
if (unknown.length > 0) throw new Error(`unknown part(s) ${unknown.join(", ")}; parts: ${PARTS.join(", ")}`);
const runs = values.quick ? 1 : Number(values.runs);
const connections = Number(values.connections);
const seconds = Number(values.seconds);
for (const [name, value] of Object.entries({ runs, connections, seconds })) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1`);
}
const wants = (part: Part) => only.includes(part);

// Everything printed also goes to the report file.
const printed: string[] = [];
const print = console.log.bind(console);
console.log = (...args: unknown[]) => {
  print(...args);
  printed.push(format(...args));
};
const log = (line: string) => console.log(line);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const rows: Row[] = [];
const started = Date.now();
log(`Rendio benchmarks (${only.join(", ")}) — ${new Date().toISOString()}`);

if (wants("database")) {
  log("\n## Database\n");
  const { postgres } = await databaseFigures();
  rows.push(databaseRow(postgres.parallel / postgres.sequential));
  rows.push(historyRow(postgres.history.small.lastPageMs, postgres.history.large.lastPageMs));
}

if (wants("pages") || wants("lighthouse") || wants("http")) {
  const basePort = values.port ? Number(values.port) : undefined;
  const port = async (offset: number) => (basePort ? basePort + offset : await freePort());
  const measureFloor = wants("pages") || wants("lighthouse");
  const floorBuild = measureFloor ? ensureFloorBuild(log) : undefined;
  const servers: (Server | App)[] = [];
  try {
    const app = await startApp(await port(0), await port(2));
    servers.push(app);
    const floor = measureFloor ? await startFloor(await port(1)) : undefined;
    if (floor) servers.push(floor);
    let hintedFloor: Server | undefined;
    if (floorBuild && wants("lighthouse")) {
      ensureHintedFloorBuild();
      hintedFloor = await startFloor(await port(3), { hinted: true });
      servers.push(hintedFloor);
    }
    const { first, textModel } = await catalog(app.base);
    log(`\nPreparing a guest with two finished videos on ${app.base} …`);
    const guest = await guestWithVideos(app.base, textModel);
    const pages: PageTarget[] = [
      { name: "home", url: `${app.base}/`, cookie: guest.cookie },
      { name: "create", url: `${app.base}/create/${first.slug}`, cookie: guest.cookie },
      { name: "history", url: `${app.base}/history`, cookie: guest.cookie },
      { name: "profile", url: `${app.base}/profile`, cookie: guest.cookie },
    ];
    const floorTarget: PageTarget | undefined = floor ? { name: "floor", url: `${floor.base}/` } : undefined;
    // One request each first, so no measurement pays for a cold server.
    for (const target of [...(floorTarget ? [floorTarget] : []), ...pages]) {
      await fetch(target.url, { headers: target.cookie ? { cookie: target.cookie } : {} });
    }
    if (floorTarget && floorBuild) log(`Floor: ${floorTarget.url} (${floorBuild.versions})`);
    log(
      `Pages: ${pages.map((page) => new URL(page.url).pathname).join(", ")} (a guest with two finished videos)`,
    );

    if (wants("pages") && floorTarget) {
      log("\n## First-load JS (Chromium, Pixel 7 viewport, cache off, service workers blocked)\n");
      const [floorLoad, ...pageLoads] = (await firstLoadJs([floorTarget, ...pages])) as [
        FirstLoad,
        ...FirstLoad[],
      ];
      rows.push(...pageRows(floorLoad, pageLoads));
      const listing = renderList(
        ["page", "JS files", "on the wire", "decoded"],
        [floorLoad, ...pageLoads].map((load) => [
          `${load.name} (${new URL(load.url).pathname})`,
          load.files,
          kb(load.wire),
          kb(load.decoded),
        ]),
      );
      log(listing);
    }

    if (wants("lighthouse") && floorTarget) {
      log(`\n## Lighthouse 12, mobile (${runs} run${runs > 1 ? "s" : ""} per page, median)\n`);
      const hintedTarget: PageTarget[] = hintedFloor
        ? [{ name: "floor, hinted", url: `${hintedFloor.base}/` }]
        : [];
      const [home] = pages as [PageTarget];
      const homeHtml = await startHtmlOnly(await port(4), home);
      servers.push(homeHtml);
      const htmlTarget: PageTarget = { name: "home, no scripts", url: `${homeHtml.base}/` };
      const [floorResult, ...pageResults] = (await lighthouseFigures(
        [floorTarget, ...hintedTarget, htmlTarget, ...pages],
        runs,
        log,
      )) as [LighthouseResult, ...LighthouseResult[]];
      const hintedResult = hintedFloor ? pageResults.shift() : undefined;
      const htmlResult = pageResults.shift() as LighthouseResult;
      rows.push(...lighthouseRows(floorResult, pageResults));
      if (hintedResult)
        rows.push(...referenceRows("the floor with Rendio's compile hints", floorResult, hintedResult));
      rows.push(...referenceRows("Home without its scripts", floorResult, htmlResult));
      const listing = renderList(
        ["page (median)", "perf", "a11y", "best pr.", "SEO", "FCP", "LCP", "TBT", "CLS"],
        [floorResult, ...(hintedResult ? [hintedResult] : []), htmlResult, ...pageResults].map(
          ({ name, median: m }) => [
            name,
            m.performance,
            m.accessibility,
            m.bestPractices,
            m.seo,
            `${(m.fcpMs / 1000).toFixed(2)} s`,
            `${(m.lcpMs / 1000).toFixed(2)} s`,
            `${Math.round(m.tbtMs)} ms`,
            m.cls.toFixed(3),
          ],
        ),
      );
      log(`\n${listing}\nReports: ${lighthouseReports}/`);
    }

    if (wants("http")) {
      log(
        `\n## HTTP throughput (${connections} keep-alive connections, ${seconds} s per row, postgres mode)\n`,
      );
      const { file, measured, results } = await apiThroughput(
        app,
        guest,
        textModel,
        { connections, seconds },
        log,
      );
      rows.push(...httpRows(file, measured));
      const listing = renderList(
        ["request", "per s", "answers", "not as expected", "p50", "p99"],
        results.map((r) => [
          r.name,
          r.perSecond.toFixed(0),
          r.requests,
          Object.entries(r.failures)
            .map(([status, count]) => `${count}× ${status}`)
            .join(", ") || "0",
          `${r.p50Ms.toFixed(1)} ms`,
          `${r.p99Ms.toFixed(1)} ms`,
        ]),
      );
      log(`\n${listing}`);
    }
  } finally {
    for (const server of servers.reverse()) await server.stop();
  }
}

log(`\n## Table (${((Date.now() - started) / 60000).toFixed(1)} min)\n`);
log(renderTable(rows));
log(
  "\nAbsolute figures move with the machine's load; the ratios to the floor and to the static file were measured in this run.",
);
const report = path.resolve(".test-data/reports/bench.txt");
mkdirSync(path.dirname(report), { recursive: true });
writeFileSync(report, `${printed.join("\n")}\n`);
print(`\nWritten to ${path.relative(process.cwd(), report)}`);
