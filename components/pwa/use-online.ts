"use client";

import { useSyncExternalStore } from "react";
import { isServerUnreachable, subscribeToReachability } from "@/lib/pwa/reachability";

function subscribe(onChange: () => void) {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  const unsubscribe = subscribeToReachability(onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
    unsubscribe();
  };
}

/**
 * Online: the device has a network (navigator.onLine) and the server answered the last request
 * (lib/pwa/reachability.ts), live; the server render assumes online.
 */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => navigator.onLine && !isServerUnreachable(),
    () => true,
  );
}
