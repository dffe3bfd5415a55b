import { expect, test } from "vitest";
import type { DbJob } from "../db/functions";
import { jobFinished, onJobFinished } from "./finished";

// Only the id is read by the event itself; the listeners here look at nothing else.
const job = { id: "0b6e1c52-8d7e-4f3a-9b0e-2f9d1f1a7c11" } as DbJob;

test("every listener hears of a finished job; a name subscribed again is replaced, not doubled", async () => {
  const heard: string[] = [];
  onJobFinished("first", async (finished) => {
    heard.push(`first ${finished.id}`);
  });
  onJobFinished("second", async () => {
    heard.push("second, old");
  });
  onJobFinished("second", async () => {
    heard.push("second");
  });
  await jobFinished(job);
  expect(heard.sort()).toEqual([`first ${job.id}`, "second"]);
});

test("a listener that throws keeps jobFinished from throwing and the others from missing it", async () => {
  const heard: string[] = [];
  onJobFinished("broken", async () => {
    throw new Error("listener broke");
  });
  onJobFinished("after", async () => {
    heard.push("after");
  });
  await expect(jobFinished(job)).resolves.toBeUndefined();
  expect(heard).toEqual(["after"]);
});
