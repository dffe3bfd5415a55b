"use client";

import { useSearchParams } from "next/navigation";
import { useCallback } from "react";

/**
 * The purchase dialog lives in the URL (`/profile?buy=1`) so the credit badge, banners and a
 * shared link open it. Opening and closing change only the query, with the History API (Next
 * keeps useSearchParams in step), so no server round trip.
 */
export function useBuyDialog() {
  const params = useSearchParams();
  const open = params.get("buy") === "1";
  const setOpen = useCallback((next: boolean) => {
    const url = new URL(window.location.href);
    if (next) {
      url.searchParams.set("buy", "1");
      window.history.pushState(null, "", url);
    } else {
      url.searchParams.delete("buy");
      url.searchParams.delete("purchase");
      window.history.replaceState(null, "", url);
    }
  }, []);
  return { open, setOpen };
}

/** What the page remembers across the trip to Stripe Checkout: the balance before paying. */
export const checkoutMemoryKey = "rendio.checkout";

export function rememberCheckout(balance: number): void {
  try {
    sessionStorage.setItem(checkoutMemoryKey, JSON.stringify({ balance, at: Date.now() }));
  } catch {
    // Without storage the return page compares with the first balance it reads.
  }
}

export function recallCheckout(): { balance: number } | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(checkoutMemoryKey) ?? "null");
    return typeof value?.balance === "number" ? { balance: value.balance } : null;
  } catch {
    return null;
  }
}

export function forgetCheckout(): void {
  try {
    sessionStorage.removeItem(checkoutMemoryKey);
  } catch {
    // nothing kept
  }
}
