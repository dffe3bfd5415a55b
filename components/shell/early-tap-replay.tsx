"use client";

import { useEffect } from "react";
import { replayEarlyTapsKey } from "./early-tap-script";

/**
 * Once the shell has hydrated, replays the buttons tapped before (EarlyTapScript) and lets React
 * take every later tap. Rendered after the page, so the page's own effects have run by then.
 */
export function EarlyTapReplay() {
  useEffect(() => {
    const replay = (window as unknown as Record<string, (() => void) | undefined>)[replayEarlyTapsKey];
    replay?.();
  }, []);
  return null;
}
