"use client";

// Imported for its side effect: the module starts listening for Chromium's install events.
import "./install-state";

/**
 * Rendered by the root layout so the install listener loads with the app shell on every page,
 * before any screen that offers the install.
 */
export function InstallListener() {
  return null;
}
