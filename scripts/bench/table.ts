// The issue's table: each figure beside its reference (the floor app or the static file, measured
// in the same run) and its goal. Whether a goal is met is printed, never asserted.

import type { Throughput } from "./http";
import type { LighthouseResult } from "./lighthouse";
import type { FirstLoad } from "./pages";
import { HELD_PAINT_MS } from "./paint-wait";

export type Row = { figure: string; reference: string; now: string; goal: string; met?: boolean };

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const signed = (value: number, unit: string, digits = 1) =>
  `${value < 0 ? "−" : "+"} ${Math.abs(value).toFixed(digits)}${unit}`;

/** First-load JS of each page against the floor's; goal: at most 30 KB over it. */
export function pageRows(floor: FirstLoad, pages: FirstLoad[]): Row[] {
  return pages.map((page) => ({
    figure: `first-load JS, gzip: ${page.name}`,
    reference: kb(floor.wire),
    now: `${kb(page.wire)} (floor ${signed((page.wire - floor.wire) / 1024, " KB")})`,
    goal: "≤ floor + 30 KB",
    met: page.wire - floor.wire <= 30 * 1024,
  }));
}

type Median = LighthouseResult["median"];

/** A page's median beside the floor's, as the table prints it. */
const perfAgainst = (p: Median, f: Median) =>
  `${p.performance} (floor ${signed(p.performance - f.performance, "", 0)})`;
const tbtAgainst = (p: Median, f: Median) =>
  `${Math.round(p.tbtMs)} ms${f.tbtMs > 0 ? ` (${(p.tbtMs / f.tbtMs).toFixed(2)} × floor)` : ""}`;
const lcpAgainst = (p: Median, f: Median) =>
  `${seconds(p.lcpMs)} (floor ${signed((p.lcpMs - f.lcpMs) / 1000, " s", 2)})`;
const heldLabel = `Lighthouse runs whose first paint waited ≥ ${HELD_PAINT_MS / 1000} s idle`;

/** Lighthouse medians of each page against the floor's. */
export function lighthouseRows(floor: LighthouseResult, pages: LighthouseResult[]): Row[] {
  const f = floor.median;
  return pages.flatMap((page) => {
    const { name, median: p } = page;
    return [
      {
        figure: `Lighthouse mobile perf: ${name}`,
        reference: String(f.performance),
        now: perfAgainst(p, f),
        goal: "≥ floor − 5",
        met: p.performance >= f.performance - 5,
      },
      {
        figure: `Total Blocking Time: ${name}`,
        reference: `${Math.round(f.tbtMs)} ms`,
        now: tbtAgainst(p, f),
        goal: "≤ 1.5 × floor",
        met: p.tbtMs <= 1.5 * f.tbtMs,
      },
      {
        figure: `LCP: ${name}`,
        reference: seconds(f.lcpMs),
        now: lcpAgainst(p, f),
        goal: "≤ floor + 1 s",
        met: p.lcpMs <= f.lcpMs + 1000,
      },
      {
        // Not a goal: how many of the runs above had their first paint held (see paint-wait.ts).
        figure: `${heldLabel}: ${name}`,
        reference: heldRuns(floor),
        now: heldRuns(page),
        goal: "—",
        met: undefined,
      },
      {
        figure: `CLS: ${name}`,
        reference: f.cls.toFixed(3),
        now: p.cls.toFixed(3),
        goal: "≤ 0.02",
        met: p.cls <= 0.02,
      },
    ];
  });
}

function heldRuns(result: LighthouseResult): string {
  const held = result.runs.filter((run) => run.idleBeforePaintMs >= HELD_PAINT_MS).length;
  return `${held} of ${result.runs.length}`;
}

/**
 * Not goals: a reference measured beside the floor in the same run, described by `what`:
 * - the floor built as Rendio is (its start-up chunks compile-hinted), so a reader sees what the
 *   hint alone is worth;
 * - Home's document without its scripts (html-only.ts), so a reader sees what Home's markup,
 *   stylesheet and pictures cost by themselves, and what the page's JavaScript adds.
 */
export function referenceRows(what: string, floor: LighthouseResult, reference: LighthouseResult): Row[] {
  const f = floor.median;
  const r = reference.median;
  const row = (figure: string, now: string, base: string): Row => ({
    figure: `${figure}: ${what}`,
    reference: base,
    now,
    goal: "—",
    met: undefined,
  });
  return [
    row("Lighthouse mobile perf", perfAgainst(r, f), String(f.performance)),
    row("Total Blocking Time", tbtAgainst(r, f), `${Math.round(f.tbtMs)} ms`),
    row("LCP", lcpAgainst(r, f), seconds(f.lcpMs)),
    row(heldLabel, heldRuns(reference), heldRuns(floor)),
  ];
}

/** Requests per second of each API row as a share of the static file's, served by the same server. */
export function httpRows(file: Throughput, rows: { result: Throughput; goalPercent?: number }[]): Row[] {
  return rows.map(({ result, goalPercent }) => {
    const percent = (result.perSecond / file.perSecond) * 100;
    return {
      figure: `${result.name} throughput`,
      reference: `static file = 100 % (${file.perSecond.toFixed(0)}/s)`,
      now: `${percent.toFixed(0)} % (${result.perSecond.toFixed(0)}/s)`,
      goal: goalPercent === undefined ? "—" : `≥ ${goalPercent} %`,
      met: goalPercent === undefined ? undefined : percent >= goalPercent,
    };
  });
}

export function databaseRow(parallelOverSequential: number): Row {
  return {
    figure: "generate_video on PostgreSQL, 20 users in flight ÷ sequential",
    reference: "—",
    now: `${parallelOverSequential.toFixed(2)}×`,
    goal: "≥ 1.5×",
    met: parallelOverSequential >= 1.5,
  };
}

/** One user's last history page at 10,000 jobs against 100: an index range scan keeps it near 1×. */
export function historyRow(small: number, large: number): Row {
  const ratio = large / small;
  return {
    figure: "list_jobs on PostgreSQL, last page: 10,000 jobs ÷ 100 jobs",
    reference: `${small.toFixed(2)} ms at 100`,
    now: `${ratio.toFixed(2)}× (${large.toFixed(2)} ms)`,
    goal: "an index range scan (≈ 1×)",
    met: ratio <= 2,
  };
}

/** A Markdown table, padded so it also reads as plain text. */
export function renderTable(rows: Row[]): string {
  const cells = [
    ["figure", "floor / static", "Rendio now", "goal", "met?"],
    ...rows.map((row) => [
      row.figure,
      row.reference,
      row.now,
      row.goal,
      row.met === undefined ? "—" : row.met ? "yes" : "NO",
    ]),
  ];
  const widths =
    cells[0]?.map((_, column) => Math.max(...cells.map((line) => (line[column] ?? "").length))) ?? [];
  const line = (values: string[]) =>
    `| ${values.map((value, i) => value.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const [head, ...body] = cells;
  return [line(head ?? []), line(widths.map((width) => "-".repeat(width))), ...body.map(line)].join("\n");
}

/** A plain aligned listing for the details sections. */
export function renderList(header: string[], lines: (string | number)[][]): string {
  const all = [header, ...lines.map((line) => line.map(String))];
  const widths = header.map((_, column) => Math.max(...all.map((line) => (line[column] ?? "").length)));
  return all
    .map((line) =>
      line
        .map((value, i) => (i === 0 ? value.padEnd(widths[i] ?? 0) : value.padStart(widths[i] ?? 0)))
        .join("  "),
    )
    .join("\n");
}
