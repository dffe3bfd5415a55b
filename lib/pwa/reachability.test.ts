import { afterEach, expect, test } from "vitest";
import { isServerUnreachable, reportReachable, subscribeToReachability } from "./reachability";

afterEach(() => reportReachable(true));

test("a failed request makes the server unreachable until one gets an answer, telling listeners once each way", () => {
  const heard: boolean[] = [];
  const stop = subscribeToReachability(() => heard.push(isServerUnreachable()));
  expect(isServerUnreachable()).toBe(false);
  reportReachable(false);
  reportReachable(false);
  expect(isServerUnreachable()).toBe(true);
  reportReachable(true);
  reportReachable(true);
  expect(isServerUnreachable()).toBe(false);
  expect(heard).toEqual([true, false]);
  stop();
  reportReachable(false);
  expect(heard).toEqual([true, false]);
});
