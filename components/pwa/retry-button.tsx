"use client";

import { RefreshCw } from "lucide-react";

/** Tries the page again: a full reload, which the service worker sends to the network first. */
export function RetryButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => window.location.reload()}
      className="mt-2 inline-flex min-h-11 items-center justify-center gap-2 rounded-card bg-brand-primary px-6 py-3 text-headline font-semibold text-on-brand shadow-card transition-[box-shadow,transform] hover:shadow-banner active:scale-[0.98]"
    >
      <RefreshCw aria-hidden="true" className="size-5" />
      {label}
    </button>
  );
}
