"use client";

import { useSyncExternalStore } from "react";
import { earlyInstallPromptKey } from "./install-capture-script";
import { type InstallPlatform, installPlatform, isStandalone } from "./platform";

/** Chromium's install event (not in the DOM typings): the page decides when to show the prompt. */
export type BeforeInstallPromptEvent = Event & {
  prompt: () => Promise<unknown>;
  userChoice: Promise<{ outcome: "accepted" | "dismissed"; platform?: string }>;
};

/** localStorage flag: the person closed the install hint; it is not offered unasked again. */
export const installDismissedKey = "rendio.installHintDismissed";

export type InstallState = {
  platform: InstallPlatform;
  /** Running as an installed app (or installed during this visit). */
  installed: boolean;
  /** Chromium: the prompt can be shown from a button. */
  canPrompt: boolean;
  dismissed: boolean;
};

const serverState: InstallState = { platform: "other", installed: true, canPrompt: false, dismissed: true };

let deferred: BeforeInstallPromptEvent | null = null;
let installedNow = false;
let dismissedInMemory = false;
let snapshot: InstallState | null = null;
const listeners = new Set<() => void>();

function changed() {
  snapshot = null;
  for (const listener of listeners) listener();
}

// Listened for as soon as this module loads (the root layout imports it): Chromium fires
// `beforeinstallprompt` once per page load, often before any screen that offers the install.
if (typeof window !== "undefined") {
  // One that fired before this module loaded was kept by the inline script in the head.
  deferred =
    (window as unknown as Record<string, BeforeInstallPromptEvent | undefined>)[earlyInstallPromptKey] ??
    null;
  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault(); // no mini-infobar: the app offers the install in context
    deferred = event as BeforeInstallPromptEvent;
    changed();
  });
  window.addEventListener("appinstalled", () => {
    deferred = null;
    installedNow = true;
    changed();
  });
  // Optional call: Safari before 14 has only the old addListener, and this must not break the shell.
  window.matchMedia("(display-mode: standalone)").addEventListener?.("change", changed);
  window.addEventListener("storage", changed); // dismissed in another tab
}

function readDismissed(): boolean {
  if (dismissedInMemory) return true;
  try {
    return localStorage.getItem(installDismissedKey) === "1";
  } catch {
    return false;
  }
}

function read(): InstallState {
  snapshot ??= {
    platform: installPlatform(navigator),
    installed: installedNow || isStandalone(window),
    canPrompt: deferred !== null,
    dismissed: readDismissed(),
  };
  return snapshot;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The install situation of this browser. The server render says "installed" (nothing shown). */
export function useInstallState(): InstallState {
  return useSyncExternalStore(subscribe, read, () => serverState);
}

export function dismissInstallHint() {
  dismissedInMemory = true;
  try {
    localStorage.setItem(installDismissedKey, "1");
  } catch {
    // Kept in memory for this page's life.
  }
  changed();
}

/**
 * Shows Chromium's install prompt (from a click). The event works once, so it is dropped
 * afterwards; a person who says no is not asked again unasked.
 */
export async function promptInstall(): Promise<void> {
  const event = deferred;
  if (!event) return;
  deferred = null;
  changed();
  await event.prompt();
  const { outcome } = await event.userChoice;
  if (outcome === "dismissed") dismissInstallHint();
}
