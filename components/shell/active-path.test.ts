import { describe, expect, it } from "vitest";
import { isActivePath } from "./active-path";

describe("isActivePath", () => {
  it("matches Home only on / itself (and its pushed screens)", () => {
    expect(isActivePath("/", "/")).toBe(true);
    expect(isActivePath("/history", "/")).toBe(false);
    expect(isActivePath("/create/veo", "/", ["/create"])).toBe(true);
    expect(isActivePath("/created", "/", ["/create"])).toBe(false);
  });

  it("matches a tab's root and everything below it", () => {
    expect(isActivePath("/history", "/history")).toBe(true);
    expect(isActivePath("/history/x", "/history")).toBe(true);
    expect(isActivePath("/jobs/123", "/history", ["/jobs"])).toBe(true);
    expect(isActivePath("/historyx", "/history")).toBe(false);
    expect(isActivePath("/profile", "/history", ["/jobs"])).toBe(false);
  });
});
