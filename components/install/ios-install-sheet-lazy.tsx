"use client";

import { lazy, Suspense } from "react";
import { useOpenedOnce } from "@/components/ui/opened-once";

const Sheet = lazy(() => import("./ios-install-sheet").then((m) => ({ default: m.IosInstallSheet })));

/** The iOS how-to sheet, its code loaded when it first opens (most visitors never see it). */
export function IosInstallSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  return useOpenedOnce(open) ? (
    <Suspense>
      <Sheet open={open} onClose={onClose} />
    </Suspense>
  ) : null;
}
