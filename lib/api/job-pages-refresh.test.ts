import { expect, test } from "vitest";
import { onJobPagesRefresh, refreshJobPages } from "./job-pages-refresh";

test("a refresh reaches every History listening, and none once it stopped", () => {
  const heard: string[] = [];
  const stopA = onJobPagesRefresh(() => heard.push("a"));
  const stopB = onJobPagesRefresh(() => heard.push("b"));
  refreshJobPages();
  expect(heard).toEqual(["a", "b"]);
  stopA();
  refreshJobPages();
  expect(heard).toEqual(["a", "b", "b"]);
  stopB();
  refreshJobPages();
  expect(heard).toEqual(["a", "b", "b"]);
});
