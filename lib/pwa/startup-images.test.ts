import { describe, expect, it } from "vitest";
import { userAgents as agents } from "@/scripts/test-support/user-agents";
import { readsStartupImages, startupImages, startupScreens } from "./startup-images";

describe("readsStartupImages", () => {
  it("is true on an iPhone, whichever iOS browser", () => {
    expect(readsStartupImages(agents.iphoneSafari)).toBe(true);
    expect(readsStartupImages(agents.iphoneChrome)).toBe(true);
  });

  it("is false elsewhere, and without a user agent", () => {
    for (const agent of [agents.ipadSafari, agents.androidChrome, agents.desktopChrome, "", null])
      expect(readsStartupImages(agent), String(agent)).toBe(false);
  });
});

describe("startupImages", () => {
  it("has a light and a dark image per iPhone screen, the dark ones after", () => {
    const images = startupImages();
    expect(images).toHaveLength(2 * startupScreens.length);
    expect(images.slice(0, startupScreens.length).every((image) => image.scheme === "light")).toBe(true);
    expect(images[startupScreens.length]?.media).toContain("(prefers-color-scheme: dark)");
  });
});
