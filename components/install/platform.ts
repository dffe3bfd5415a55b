/**
 * Which install path a browser has. iOS Safari installs only by hand (Share → Add to Home Screen);
 * Chromium browsers announce `beforeinstallprompt` and show their own prompt; other browsers get
 * no hint. Pure, so it is unit-tested with real user-agent strings.
 */
export type InstallPlatform = "ios-safari" | "other";

type Navigatorish = { userAgent: string; maxTouchPoints?: number };

// Browsers and in-app web views on iOS that are not Safari: their share menus differ or lack
// "Add to Home Screen", so Safari's steps would be wrong there.
const notSafari =
  /CriOS|FxiOS|EdgiOS|OPiOS|OPT\/|YaBrowser|DuckDuckGo|GSA\/|FBAN|FBAV|Instagram|Line\/|Snapchat|TikTok/;

export function installPlatform({ userAgent, maxTouchPoints = 0 }: Navigatorish): InstallPlatform {
  // iPadOS 13+ reports a Mac; a Mac has no touch screen.
  const ios = /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
  // Safari's user agent has "Version/x Safari/y"; web views inside other apps have neither.
  const safari = /Version\/[\d.]+.*Safari\//.test(userAgent) && !notSafari.test(userAgent);
  return ios && safari ? "ios-safari" : "other";
}

type Windowish = {
  matchMedia: (query: string) => { matches: boolean };
  navigator: object;
};

/** Already running as an installed app: the display mode says so, or iOS's own flag. */
export function isStandalone(win: Windowish): boolean {
  return (
    win.matchMedia("(display-mode: standalone)").matches ||
    win.matchMedia("(display-mode: fullscreen)").matches ||
    // iOS's own flag (not in the DOM typings).
    (win.navigator as { standalone?: boolean }).standalone === true
  );
}
