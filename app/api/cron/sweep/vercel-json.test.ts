import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

/**
 * vercel.json must deploy on Vercel's Hobby plan, whose crons may run at most once a day (a more
 * frequent expression fails the deployment), and each cron must call a route that answers GET.
 * Stuck jobs do not wait for the daily sweep: reading them recovers them.
 */

type Cron = { path: string; schedule: string };
const root = path.resolve(import.meta.dirname, "../../../..");
const crons: Cron[] = JSON.parse(readFileSync(path.join(root, "vercel.json"), "utf8")).crons ?? [];

/** At most one run a day: one fixed minute and one fixed hour (any days, months, weekdays). */
function runsAtMostDaily(schedule: string): boolean {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) return false;
  const [minute, hour] = fields;
  return (
    /^\d{1,2}$/.test(minute ?? "") && Number(minute) < 60 && /^\d{1,2}$/.test(hour ?? "") && Number(hour) < 24
  );
}

test("the Hobby rule: daily schedules pass, anything more frequent fails", () => {
  for (const daily of ["0 4 * * *", "30 23 * * 1", "5 0 1 * *"])
    expect(runsAtMostDaily(daily), daily).toBe(true);
  for (const often of [
    "*/10 * * * *",
    "0 * * * *",
    "0 9,21 * * *",
    "0 */12 * * *",
    "0-5 4 * * *",
    "0 4 * *",
  ]) {
    expect(runsAtMostDaily(often), often).toBe(false);
  }
});

test("every cron in vercel.json runs at most once a day and calls a route with GET", async () => {
  expect(crons.length).toBeGreaterThan(0);
  for (const cron of crons) {
    expect(runsAtMostDaily(cron.schedule), `${cron.path}: "${cron.schedule}"`).toBe(true);
    expect(cron.path).toMatch(/^\/api\/[a-z0-9/-]+$/);
    const route = await import(/* @vite-ignore */ path.join(root, "app", cron.path, "route.ts"));
    expect(typeof route.GET, `${cron.path} exports GET`).toBe("function");
  }
});
