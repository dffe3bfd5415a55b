import { unstable_serialize as serialize } from "swr";
import { unstable_serialize } from "swr/infinite";
import { expect, test } from "vitest";
import { isJobPagesCacheKey, type JobsPageKey, swrKeys } from "./hooks";

test("History's infinite keys are recognised whatever the search, other keys are not", () => {
  const historyKey = (q: string) => unstable_serialize((): JobsPageKey => ["jobs", q, null]);
  expect(isJobPagesCacheKey(historyKey(""))).toBe(true);
  expect(isJobPagesCacheKey(historyKey("paper boat"))).toBe(true);
  expect(isJobPagesCacheKey(serialize(swrKeys.job("6f1d6c2e-0000-4000-8000-000000000001")))).toBe(false);
  expect(isJobPagesCacheKey(serialize(["jobs", "", null]))).toBe(false);
  expect(isJobPagesCacheKey(serialize("me"))).toBe(false);
  expect(isJobPagesCacheKey(unstable_serialize(() => ["jobsX", "", null]))).toBe(false);
});
