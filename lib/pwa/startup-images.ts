/**
 * iOS launch screens (data only): iOS ignores the manifest for splash screens and picks the
 * `apple-touch-startup-image` link whose media query matches the device exactly. One entry per
 * current iPhone screen, in CSS points and device pixel ratio; the icons script renders the PNGs
 * (portrait, light and dark) and the root layout links them.
 */
export const startupScreens = [
  { devices: "iPhone SE (2nd, 3rd gen), 8", width: 375, height: 667, ratio: 2 },
  { devices: "iPhone 12 mini, 13 mini, X, XS, 11 Pro", width: 375, height: 812, ratio: 3 },
  { devices: "iPhone 11, XR", width: 414, height: 896, ratio: 2 },
  { devices: "iPhone 11 Pro Max, XS Max", width: 414, height: 896, ratio: 3 },
  { devices: "iPhone 12, 13, 14, 12 Pro, 13 Pro, 16e", width: 390, height: 844, ratio: 3 },
  { devices: "iPhone 14 Plus, 12 Pro Max, 13 Pro Max", width: 428, height: 926, ratio: 3 },
  { devices: "iPhone 14 Pro, 15, 15 Pro, 16", width: 393, height: 852, ratio: 3 },
  { devices: "iPhone 14 Pro Max, 15 Plus, 15 Pro Max, 16 Plus", width: 430, height: 932, ratio: 3 },
  { devices: "iPhone 16 Pro, 17, 17 Pro", width: 402, height: 874, ratio: 3 },
  { devices: "iPhone Air", width: 420, height: 912, ratio: 3 },
  { devices: "iPhone 16 Pro Max, 17 Pro Max", width: 440, height: 956, ratio: 3 },
] as const;

export type StartupScheme = "light" | "dark";

/** The launch screen colours: the app's surface-base (globals.css) in each theme. */
export const startupBackground: Record<StartupScheme, string> = { light: "#f8fafc", dark: "#0d0d0f" };

export type StartupImage = {
  url: string;
  media: string;
  /** Size in device pixels. */
  width: number;
  height: number;
  ratio: number;
  scheme: StartupScheme;
};

/**
 * Every launch image with its link media query. The light set carries no colour-scheme query,
 * so a WebKit that ignores it still gets a matching image; the dark set is listed after it.
 */
export function startupImages(): StartupImage[] {
  const images: StartupImage[] = [];
  for (const scheme of ["light", "dark"] as const) {
    for (const { width, height, ratio } of startupScreens) {
      const pixels = { width: width * ratio, height: height * ratio };
      const media = [
        `(device-width: ${width}px)`,
        `(device-height: ${height}px)`,
        `(-webkit-device-pixel-ratio: ${ratio})`,
        "(orientation: portrait)",
        ...(scheme === "dark" ? ["(prefers-color-scheme: dark)"] : []),
      ].join(" and ");
      images.push({
        url: `/splash/${scheme}-${pixels.width}x${pixels.height}.png`,
        media,
        ...pixels,
        ratio,
        scheme,
      });
    }
  }
  return images;
}

/**
 * Whether a browser may use the launch images: iOS on an iPhone (Safari, and the other iOS
 * browsers, which can add to the home screen too). The images are iPhone screens only, and
 * nothing else reads the links, so other browsers get pages without them: 22 links fewer in
 * every page's HTML and payload.
 */
export function readsStartupImages(userAgent: string | null): boolean {
  return userAgent !== null && /\b(iPhone|iPod)\b/.test(userAgent);
}
