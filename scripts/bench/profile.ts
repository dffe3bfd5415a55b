// Where a page's main thread goes on a phone's first visit: the production build, a guest with two
// finished videos, Chromium with a Pixel 7 viewport and 4× CPU throttling, a CPU profile from
// navigation until the network is quiet. Prints, per page, the long tasks (≥ 50 ms), the
// requests made after the load event and the functions with the most self time. For finding
// causes only: the figures that count are `npm run bench`'s.
//
//   npx tsx scripts/bench/profile.ts [--port P] [--top N] [home,create,history,profile]
import { parseArgs } from "node:util";
import { chromium, devices } from "@playwright/test";
import { catalog, guestWithVideos, startApp } from "./app";
import { freePort } from "./servers";

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { port: { type: "string" }, top: { type: "string", default: "25" } },
});
const wanted = (positionals[0] ?? "home,create,history,profile").split(",");
const basePort = values.port ? Number(values.port) : await freePort();

/** Self time per function (name, file, line:column), in ms, most first. */
function selfTimes(profile: Profile): [string, number][] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const file = frame.url.split("/").pop() || "(native)";
    const key = `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber}:${frame.columnNumber}`;
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

const app = await startApp(basePort, basePort + 2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
try {
  const { first, textModel } = await catalog(app.base);
  const guest = await guestWithVideos(app.base, textModel);
  const paths: Record<string, string> = {
    home: "/",
    create: `/create/${first.slug}`,
    history: "/history",
    profile: "/profile",
  };
  for (const name of wanted) {
    const url = `${app.base}${paths[name]}`;
    await fetch(url, { headers: { cookie: guest.cookie } });
    const context = await browser.newContext({ ...devices["Pixel 7"], serviceWorkers: "block" });
    await context.addCookies(
      guest.cookie.split("; ").map((pair) => {
        const at = pair.indexOf("=");
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url: app.base };
      }),
    );
    await context.addInitScript(() => {
      const tasks: [number, number][] = [];
      (window as unknown as { __tasks: typeof tasks }).__tasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          tasks.push([Math.round(entry.startTime), Math.round(entry.duration)]);
      }).observe({ type: "longtask", buffered: true });
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
    let loaded = false;
    const late: string[] = [];
    page.on("load", () => {
      loaded = true;
    });
    page.on("request", (request) => {
      if (loaded) late.push(`${request.method()} ${request.url().replace(app.base, "")}`);
    });
    await page.goto(url, { waitUntil: "networkidle" });
    await page.waitForTimeout(2000);
    const { profile } = (await cdp.send("Profiler.stop")) as { profile: Profile };
    const tasks = await page.evaluate(() => (window as unknown as { __tasks: [number, number][] }).__tasks);
    await context.close();
    const blocking = tasks.reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0);
    console.log(
      `\n## ${name} (${url})\nlong tasks [start, ms]: ${JSON.stringify(tasks)}; blocking ${blocking} ms`,
    );
    console.log(`after load: ${late.join(", ") || "nothing"}`);
    for (const [key, ms] of selfTimes(profile).slice(0, Number(values.top))) {
      console.log(`${ms.toFixed(0).padStart(6)} ms  ${key}`);
    }
  }
} finally {
  await browser.close();
  await app.stop();
}
