"use client";

import { useEffect } from "react";
import { useMe } from "@/lib/api/me";
import type { Me } from "@/lib/contracts/user";
import { themeStorageKey } from "./theme-script";

type ThemePreference = Me["theme"];

const surfaces = { light: "#f8fafc", dark: "#0d0d0f" } as const;

/** Applies a theme preference: `data-theme` on <html> (none = follow the system) and its mirror. */
export function applyTheme(theme: ThemePreference) {
  const root = document.documentElement;
  try {
    if (theme === "system") localStorage.removeItem(themeStorageKey);
    else localStorage.setItem(themeStorageKey, theme);
  } catch {
    // Storage can be blocked (private modes); the attribute below still applies.
  }
  if (theme === "system") root.removeAttribute("data-theme");
  else root.setAttribute("data-theme", theme);
  // The browser chrome colour follows the forced theme too.
  for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    const media = meta.getAttribute("media") ?? "";
    const own = media.includes("dark") ? surfaces.dark : surfaces.light;
    meta.content = theme === "system" ? own : surfaces[theme];
  }
}

/** Keeps the page's theme in step with the user's saved preference (GET /api/me). */
export function ThemeSync() {
  const { data } = useMe();
  const theme = data?.theme;
  useEffect(() => {
    if (theme) applyTheme(theme);
  }, [theme]);
  return null;
}
