import { describe, expect, test } from "vitest";
import { pollDelayMs } from "../jobs-polling";
import { type PollOutcome, pollOutcome, runWatch, someoneIsLooking, type WatchedJob } from "./watch-loop";

const ID = "6f1d6c2e-0000-4000-8000-000000000001";
const job = (status: string, progress: number | null = null): WatchedJob => ({ id: ID, status, progress });

/** Runs the loop over a script of poll outcomes; time moves only by the loop's own sleeps. */
async function run(
  script: PollOutcome[],
  options: { budgetMs?: number; cancelAfterPolls?: number; shownForTicks?: number } = {},
) {
  let clock = 0;
  let polls = 0;
  let ticks = 0;
  const sleeps: number[] = [];
  const changed: WatchedJob[] = [];
  const finished: WatchedJob[] = [];
  const end = await runWatch(
    {
      poll: async () => {
        polls++;
        return script.shift() ?? { kind: "retry" };
      },
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
      active: () => options.cancelAfterPolls === undefined || polls < options.cancelAfterPolls,
      shownElsewhere: async () => ticks++ < (options.shownForTicks ?? 0),
      changed: async (j) => {
        changed.push(j);
      },
      finished: async (j) => {
        finished.push(j);
      },
      now: () => clock,
    },
    options.budgetMs ?? 60_000,
  );
  return { end, sleeps, changed, finished, polls };
}

describe("runWatch", () => {
  test("polls with the page's backoff, posts each change once and stops when the job completes", async () => {
    const result = await run([
      { kind: "job", job: job("pending") },
      { kind: "job", job: job("pending") },
      { kind: "job", job: job("processing", 0.4) },
      { kind: "retry" },
      { kind: "job", job: job("processing", 0.4) },
      { kind: "job", job: job("completed", 1) },
    ]);
    expect(result.end).toBe("finished");
    expect(result.sleeps).toEqual([0, 1, 2, 3, 4, 5].map((polls) => pollDelayMs(polls)));
    expect(result.changed.map((j) => j.status)).toEqual(["pending", "processing", "completed"]);
    expect(result.finished).toEqual([job("completed", 1)]);
  });

  test("a failed job is final too", async () => {
    const result = await run([
      { kind: "job", job: job("processing") },
      { kind: "job", job: job("failed") },
    ]);
    expect(result.end).toBe("finished");
    expect(result.finished.map((j) => j.status)).toEqual(["failed"]);
  });

  test("a job that is gone (404/401) ends the watch without a notification", async () => {
    const result = await run([{ kind: "job", job: job("pending") }, { kind: "gone" }]);
    expect(result.end).toBe("gone");
    expect(result.finished).toEqual([]);
  });

  test("a cancelled watch stops before its next poll", async () => {
    const result = await run(
      [
        { kind: "job", job: job("pending") },
        { kind: "job", job: job("completed") },
      ],
      {
        cancelAfterPolls: 1,
      },
    );
    expect(result.end).toBe("cancelled");
    expect(result.polls).toBe(1);
    expect(result.finished).toEqual([]);
  });

  test("stops when its time budget is spent, before another poll", async () => {
    const result = await run([], { budgetMs: 20_000 });
    expect(result.end).toBe("out-of-time");
    // 1 + 2 + 4 + 8 = 15 s, then one more 8 s sleep reaches 23 s ≥ 20 s.
    expect(result.polls).toBe(5);
  });

  test("stands by while the window showing the job is open, and polls once it has gone", async () => {
    const result = await run([{ kind: "job", job: job("completed", 1) }], { shownForTicks: 3 });
    expect(result.end).toBe("finished");
    expect(result.polls).toBe(1);
    expect(result.sleeps).toEqual([0, 1, 2, 3].map((ticks) => pollDelayMs(ticks)));
    expect(result.finished).toEqual([job("completed", 1)]);
  });

  test("standing by spends the time budget too, without a poll", async () => {
    const result = await run([], { budgetMs: 20_000, shownForTicks: Number.POSITIVE_INFINITY });
    expect(result.end).toBe("out-of-time");
    expect(result.polls).toBe(0);
  });
});

describe("pollOutcome", () => {
  const answer = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

  test("a 200 with this job is a job", async () => {
    expect(await pollOutcome(answer(200, { job: job("processing") }), ID)).toEqual({
      kind: "job",
      job: job("processing"),
    });
  });

  test("404 and 401 mean gone; 5xx, another job or a bad body mean retry", async () => {
    expect(await pollOutcome(answer(404, { error: { code: "job_not_found" } }), ID)).toEqual({
      kind: "gone",
    });
    expect(await pollOutcome(answer(401, { error: { code: "unauthorized" } }), ID)).toEqual({ kind: "gone" });
    expect(await pollOutcome(answer(503, {}), ID)).toEqual({ kind: "retry" });
    expect(await pollOutcome(answer(200, { job: { ...job("pending"), id: "other" } }), ID)).toEqual({
      kind: "retry",
    });
    expect(await pollOutcome(answer(200, { job: { id: ID } }), ID)).toEqual({ kind: "retry" });
    expect(await pollOutcome(new Response("<html>", { status: 200 }), ID)).toEqual({ kind: "retry" });
  });
});

test("someone is looking only when a window is both visible and focused", () => {
  expect(someoneIsLooking([])).toBe(false);
  expect(someoneIsLooking([{ visibilityState: "hidden", focused: false }])).toBe(false);
  expect(someoneIsLooking([{ visibilityState: "visible", focused: false }])).toBe(false);
  expect(
    someoneIsLooking([
      { visibilityState: "hidden", focused: false },
      { visibilityState: "visible", focused: true },
    ]),
  ).toBe(true);
});
