import { expect, test } from "vitest";
import { pageRoute } from "./pages";

test("a path becomes its page's route template, never its values", () => {
  expect(pageRoute("/")).toBe("/");
  expect(pageRoute("/history")).toBe("/history");
  expect(pageRoute("/create/veo-3")).toBe("/create/[modelId]");
  expect(pageRoute("/jobs/3f0c")).toBe("/jobs/[id]");
  expect(pageRoute("/v/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")).toBe("/v/[token]");
  expect(pageRoute("/legal/privacy")).toBe("/legal/[doc]");
  expect(pageRoute("/dev/outbox")).toBe("/dev/outbox");
  expect(pageRoute("/sign-in")).toBe("/sign-in");
  expect(pageRoute("/nowhere")).toBe("other");
  expect(pageRoute("/jobs/1/2")).toBe("other");
  expect(pageRoute("/history/x")).toBe("other");
});
