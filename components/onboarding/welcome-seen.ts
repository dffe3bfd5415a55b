"use client";

import { useSyncExternalStore } from "react";

/** localStorage flag (reference-spec §1.1 [W]): the post-onboarding welcome banner was shown. */
export const welcomeSeenKey = "rendio.welcomeSeen";

const listeners = new Set<() => void>();
// Remembered in memory too, for browsers that block storage.
let seenInMemory = false;

function read(): boolean {
  if (seenInMemory) return true;
  try {
    return localStorage.getItem(welcomeSeenKey) === "1";
  } catch {
    return false;
  }
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

export function markWelcomeSeen() {
  seenInMemory = true;
  try {
    localStorage.setItem(welcomeSeenKey, "1");
  } catch {
    // Kept in memory for this page's life.
  }
  for (const listener of listeners) listener();
}

/** Whether the welcome banner was already shown. The server render says "seen" (no banner). */
export function useWelcomeSeen(): boolean {
  return useSyncExternalStore(subscribe, read, () => true);
}
