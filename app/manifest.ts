import type { MetadataRoute } from "next";
import { getTranslations } from "next-intl/server";

/** Dark-mode colours: the spec's `color_scheme_dark` and Chromium's `user_preferences` draft. */
type DarkColours = { theme_color: string; background_color: string };
type Manifest = MetadataRoute.Manifest & {
  color_scheme_dark: DarkColours;
  user_preferences: { color_scheme: { dark: DarkColours } };
};

const light = { theme_color: "#f8fafc", background_color: "#f8fafc" };
const dark = { theme_color: "#0d0d0f", background_color: "#0d0d0f" };

/**
 * The web app manifest (/manifest.webmanifest), in the visitor's language like every page (the
 * locale comes from the cookie or Accept-Language). Start URL and id never change with it.
 */
export default async function manifest(): Promise<Manifest> {
  const t = await getTranslations();
  return {
    id: "/",
    name: t("app.name"),
    short_name: t("install.shortName"),
    description: t("app.description"),
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "any",
    ...light,
    color_scheme_dark: dark,
    user_preferences: { color_scheme: { dark } },
    categories: ["entertainment", "photo", "productivity"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
    screenshots: [
      {
        src: "/screenshots/home-narrow.png",
        sizes: "1080x1920",
        type: "image/png",
        form_factor: "narrow",
        label: t("app.tagline"),
      },
      {
        src: "/screenshots/home-wide.png",
        sizes: "1920x1080",
        type: "image/png",
        form_factor: "wide",
        label: t("app.tagline"),
      },
    ],
  };
}
