"use client";

import { type RefObject, useEffect } from "react";

const VARIABLE = "--sticky-bottom-height";

/**
 * Publishes the height of a sticky bar at the bottom of the page (the create form's Generate bar)
 * as `--sticky-bottom-height` while it is shown: the page's scroll padding (globals.css) adds it,
 * so a control reached with Tab scrolls into view above the bar, not under it.
 */
export function useStickyBottomHeight(ref: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const bar = ref.current;
    if (!bar) return;
    const root = document.documentElement;
    const publish = () => root.style.setProperty(VARIABLE, `${bar.offsetHeight}px`);
    publish();
    const observer = new ResizeObserver(publish);
    observer.observe(bar);
    return () => {
      observer.disconnect();
      root.style.removeProperty(VARIABLE);
    };
  }, [ref]);
}
