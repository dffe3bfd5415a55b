import { describe, expect, it } from "vitest";
import { userAgents as ua } from "@/scripts/test-support/user-agents";
import { installPlatform, isStandalone } from "./platform";

describe("installPlatform", () => {
  it("recognises Safari on iPhone, and on iPad that reports a Mac with a touch screen", () => {
    expect(installPlatform({ userAgent: ua.iphoneSafari, maxTouchPoints: 5 })).toBe("ios-safari");
    expect(installPlatform({ userAgent: ua.ipadSafari, maxTouchPoints: 5 })).toBe("ios-safari");
  });

  it("treats desktop Safari on a Mac (no touch screen) as another browser", () => {
    expect(installPlatform({ userAgent: ua.ipadSafari, maxTouchPoints: 0 })).toBe("other");
  });

  it("does not give Safari's steps to other iOS browsers or in-app web views", () => {
    for (const userAgent of [ua.iphoneChrome, ua.iphoneFirefox, ua.iphoneInstagram, ua.iphoneWebView]) {
      expect(installPlatform({ userAgent, maxTouchPoints: 5 }), userAgent).toBe("other");
    }
  });

  it("leaves Chromium browsers to their own install prompt", () => {
    expect(installPlatform({ userAgent: ua.androidChrome, maxTouchPoints: 5 })).toBe("other");
    expect(installPlatform({ userAgent: ua.desktopChrome })).toBe("other");
  });
});

describe("isStandalone", () => {
  const win = (modes: string[], standalone?: boolean) => ({
    matchMedia: (query: string) => ({ matches: modes.some((mode) => query === `(display-mode: ${mode})`) }),
    navigator: { standalone },
  });

  it("is true in an installed app window, by display mode or by iOS's navigator.standalone", () => {
    expect(isStandalone(win(["standalone"]))).toBe(true);
    expect(isStandalone(win(["fullscreen"]))).toBe(true);
    expect(isStandalone(win([], true))).toBe(true);
  });

  it("is false in a browser tab", () => {
    expect(isStandalone(win(["browser"]))).toBe(false);
    expect(isStandalone(win(["browser"], false))).toBe(false);
  });
});
