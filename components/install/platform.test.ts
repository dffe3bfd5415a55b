import { describe, expect, it } from "vitest";
import { installPlatform, isStandalone } from "./platform";

const ua = {
  iphoneSafari:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1",
  ipadSafari:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15",
  iphoneChrome:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/138.0.7204.119 Mobile/15E148 Safari/604.1",
  iphoneFirefox:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/140.0 Mobile/15E148 Safari/605.1.15",
  iphoneInstagram:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 380.0.0.27.84",
  iphoneWebView:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
  androidChrome:
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Mobile Safari/537.36",
  desktopChrome:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36",
};

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
