import { describe, expect, test } from "vitest";
import type { Job } from "@/lib/contracts/job";
import {
  daysUntilExpiry,
  groupByMonth,
  isInFlight,
  livePollDelayMs,
  monthLabels,
  searchQuery,
} from "./history-format";

const job = (id: string, createdAt: string, status: Job["status"] = "completed") =>
  ({ id, createdAt, status }) as Job;

describe("groupByMonth", () => {
  test("runs of the same month, labelled in the viewer's language", () => {
    const jobs = [
      job("a", "2026-12-01T08:00:00.000Z"),
      job("b", "2026-11-30T22:00:00.000Z"),
      job("c", "2026-11-02T10:00:00.000Z"),
    ];
    const en = groupByMonth(jobs, "en", "UTC");
    expect(en.map((g) => [g.label, g.jobs.map((j) => j.id)])).toEqual([
      ["December 2026", ["a"]],
      ["November 2026", ["b", "c"]],
    ]);
    // Keys name elements (aria-labelledby): no spaces.
    expect(en.map((g) => g.key)).toEqual(["2026-12", "2026-11"]);
    expect(groupByMonth(jobs, "tr", "UTC").map((g) => g.label)).toEqual(["Aralık 2026", "Kasım 2026"]);
    expect(groupByMonth(jobs, "es", "UTC")[1]?.label).toBe("Noviembre de 2026");
  });

  test("the month is the viewer's: 22:00 UTC on the 30th is already December in Istanbul", () => {
    const groups = groupByMonth([job("b", "2026-11-30T22:00:00.000Z")], "en", "Europe/Istanbul");
    expect(groups[0]?.label).toBe("December 2026");
  });

  test("labels the server wrote are used for their months", () => {
    const jobs = [job("a", "2026-12-01T08:00:00.000Z"), job("c", "2026-11-02T10:00:00.000Z")];
    const labels = { "2026-12": "Server December" };
    expect(groupByMonth(jobs, "en", "UTC", labels).map((g) => g.label)).toEqual([
      "Server December",
      "November 2026",
    ]);
  });

  test("no jobs, no groups", () => {
    expect(groupByMonth([], "en")).toEqual([]);
  });
});

describe("monthLabels", () => {
  test("every month a job falls in in some time zone, in the language", () => {
    const labels = monthLabels(
      [job("b", "2026-11-30T22:00:00.000Z"), job("c", "2026-11-15T10:00:00.000Z")],
      "es",
    );
    expect(labels).toEqual({ "2026-11": "Noviembre de 2026", "2026-12": "Diciembre de 2026" });
    const grouped = groupByMonth([job("b", "2026-11-30T22:00:00.000Z")], "es", "Europe/Istanbul", labels);
    expect(grouped[0]?.label).toBe("Diciembre de 2026");
  });
});

describe("daysUntilExpiry", () => {
  const now = Date.parse("2026-11-30T12:00:00.000Z");
  test("days left rounded up: 7 for a new job, 1 in its last hours, 0 once past", () => {
    expect(daysUntilExpiry("2026-12-07T12:00:00.000Z", now)).toBe(7);
    expect(daysUntilExpiry("2026-12-07T11:58:00.000Z", now)).toBe(7);
    expect(daysUntilExpiry("2026-12-06T11:59:59.000Z", now)).toBe(6);
    expect(daysUntilExpiry("2026-12-01T11:00:00.000Z", now)).toBe(1);
    expect(daysUntilExpiry("2026-11-30T12:00:00.000Z", now)).toBe(0);
    expect(daysUntilExpiry("2026-11-29T12:00:00.000Z", now)).toBe(0);
  });
});

test("in flight means pending or processing", () => {
  expect(
    ["pending", "processing", "completed", "failed"].map((s) => isInFlight({ status: s as Job["status"] })),
  ).toEqual([true, true, false, false]);
});

test("live refresh backs off 2, 4, 8, 16 s and stays at 16 s", () => {
  expect([0, 1, 2, 3, 4, 10].map(livePollDelayMs)).toEqual([2000, 4000, 8000, 16000, 16000, 16000]);
});

test("the search text is trimmed and capped at the API's 200 characters", () => {
  expect(searchQuery("  cat  ")).toBe("cat");
  expect(searchQuery("x".repeat(250))).toHaveLength(200);
});
