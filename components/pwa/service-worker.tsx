"use client";

import { type ReactNode, useEffect, useRef, useState } from "react";
import type { Workbox } from "workbox-window";

/** How often an app left open (an installed app resumes without navigating) looks for a new version. */
const UPDATE_CHECK_MS = 30 * 60 * 1000;

/**
 * Registers /sw.js (production builds only: `next dev` serves no worker) after the page has
 * loaded, with workbox-window fetched then rather than with the page. A new version waits; the person decides when to switch with the toast's Reload, which
 * tells the waiting worker to take over and reloads once it controls the page.
 */
export function ServiceWorker({
  enabled,
  texts,
  reloadIcon,
}: {
  enabled: boolean;
  texts: { updateReady: string; reload: string };
  /** Drawn by the layout: the shell carries no icon code. */
  reloadIcon: ReactNode;
}) {
  const workbox = useRef<Workbox | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [reloading, setReloading] = useState(false);

  useEffect(() => {
    if (!enabled || !("serviceWorker" in navigator)) return;
    let cancelled = false;
    let lastCheck = Date.now();
    const checkForUpdate = () => {
      const wb = workbox.current;
      if (!wb || document.visibilityState !== "visible" || Date.now() - lastCheck < UPDATE_CHECK_MS) return;
      lastCheck = Date.now();
      void wb.update().catch(() => undefined);
    };
    const register = async () => {
      const { Workbox } = await import("workbox-window");
      if (cancelled) return;
      const wb = new Workbox("/sw.js", { scope: "/", updateViaCache: "none" });
      workbox.current = wb;
      wb.addEventListener("waiting", () => setWaiting(true));
      await wb.register();
    };
    // The app works without its worker (no offline shell, no push): nothing to tell the person,
    // and the browser logs nothing in production.
    const start = () => void register().catch(() => undefined);
    if (document.readyState === "complete") start();
    else window.addEventListener("load", start, { once: true });
    document.addEventListener("visibilitychange", checkForUpdate);
    return () => {
      cancelled = true;
      window.removeEventListener("load", start);
      document.removeEventListener("visibilitychange", checkForUpdate);
    };
  }, [enabled]);

  const reload = () => {
    const wb = workbox.current;
    if (!wb) return;
    setReloading(true);
    wb.addEventListener("controlling", () => window.location.reload());
    wb.messageSkipWaiting();
  };

  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 bottom-[calc(var(--tabbar-height,4rem)+env(safe-area-inset-bottom,0px)+0.75rem)] z-40 flex justify-center px-4 md:bottom-[calc(env(safe-area-inset-bottom,0px)+1.5rem)]"
    >
      {waiting ? (
        <div
          data-testid="update-toast"
          className="pointer-events-auto flex max-w-sm items-center gap-3 rounded-card bg-surface-base py-2 pr-2 pl-4 shadow-banner ring-1 ring-border-default transition-[opacity,translate] duration-250 ease-out starting:translate-y-2 starting:opacity-0 motion-reduce:transition-none"
        >
          <span className="text-subheadline font-semibold">{texts.updateReady}</span>
          <button
            type="button"
            onClick={reload}
            disabled={reloading}
            className="inline-flex min-h-11 items-center gap-1.5 rounded-card bg-brand-primary px-4 text-subheadline font-semibold text-on-brand disabled:opacity-60"
          >
            <span className={`inline-flex ${reloading ? "motion-safe:animate-spin" : ""}`}>{reloadIcon}</span>
            {texts.reload}
          </button>
        </div>
      ) : null}
    </div>
  );
}
