"use client";

import dynamic from "next/dynamic";
import { useOpenedOnce } from "@/components/ui/opened-once";

const Sheet = dynamic(() => import("./ios-install-sheet").then((m) => m.IosInstallSheet), { ssr: false });

/** The iOS how-to sheet, its code loaded when it first opens (most visitors never see it). */
export function IosInstallSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  return useOpenedOnce(open) ? <Sheet open={open} onClose={onClose} /> : null;
}
