"use client";

import { useEffect, useState } from "react";
import type { Job } from "@/lib/contracts/job";
import { videoFileName } from "@/lib/format/job";

/**
 * Sharing the finished video: its public page's link (sharePageLink), or for saving on iOS the
 * file itself. iOS only opens the share sheet when navigator.share() is called
 * synchronously inside the tap, so the file is fetched as soon as the job completes — before the
 * tap — wherever the browser can share files at all.
 */

type ShareNavigator = Navigator & { standalone?: boolean };

function canShareFiles(): boolean {
  if (
    typeof navigator === "undefined" ||
    typeof navigator.canShare !== "function" ||
    typeof File !== "function"
  ) {
    return false;
  }
  try {
    return navigator.canShare({ files: [new File([new Uint8Array(1)], "probe.mp4", { type: "video/mp4" })] });
  } catch {
    return false;
  }
}

/** The completed video as a File ready to save through the share sheet on an installed iOS app, or null. */
export function useShareableFile(job: Job): File | null {
  const [file, setFile] = useState<File | null>(null);
  const url = job.status === "completed" ? job.videoUrl : null;
  const name = videoFileName(job);
  useEffect(() => {
    setFile(null);
    // Only saving on an installed iOS app shares the file itself; sharing sends the page's link.
    if (!url || !isStandaloneIos() || !canShareFiles()) return;
    const controller = new AbortController();
    fetch(url, { signal: controller.signal, credentials: "same-origin" })
      .then((response) =>
        response.ok ? response.blob() : Promise.reject(new Error(String(response.status))),
      )
      .then((blob) => {
        const candidate = new File([blob], name, { type: blob.type || "video/mp4" });
        if (navigator.canShare({ files: [candidate] })) setFile(candidate);
      })
      .catch(() => undefined); // sharing falls back to the link
    return () => controller.abort();
  }, [url, name]);
  return file;
}

export type ShareOutcome = "shared" | "copied" | "cancelled" | "failed";

/**
 * Share sheet with the file where possible, else the share sheet with a link, else the link on
 * the clipboard. Must be called from the click handler itself (no await before navigator.share).
 */
export function shareVideo(options: {
  file: File | null;
  url: string;
  title: string;
  text: string;
}): Promise<ShareOutcome> {
  const nav = navigator as ShareNavigator;
  const { file, url, title, text } = options;
  const viaSheet = (data: ShareData) =>
    nav.share(data).then(
      (): ShareOutcome => "shared",
      (error: unknown): ShareOutcome =>
        error instanceof DOMException && error.name === "AbortError" ? "cancelled" : "failed",
    );
  if (file && typeof nav.share === "function" && nav.canShare?.({ files: [file] })) {
    return viaSheet({ files: [file], title, text });
  }
  if (typeof nav.share === "function") return viaSheet({ url, title, text });
  return copyText(url);
}

/**
 * Sends a share page's link: the share sheet where there is one, else the clipboard. A sheet
 * refused because the tap's activation ran out (the link was just made over the network) falls
 * back to the clipboard too.
 */
export async function sharePageLink(options: {
  url: string;
  title: string;
  text: string;
}): Promise<ShareOutcome> {
  const outcome = await shareVideo({ file: null, ...options });
  return outcome === "failed" && typeof navigator.share === "function" ? copyText(options.url) : outcome;
}

/** A share page's path (Job.sharePath) as the absolute URL to send. */
export function sharePageUrl(path: string): string {
  return new URL(path, window.location.origin).toString();
}

export async function copyText(value: string): Promise<ShareOutcome> {
  try {
    await navigator.clipboard.writeText(value);
    return "copied";
  } catch {
    return "failed";
  }
}

/** An installed iOS app ignores <a download> and strands the person in a preview; save through the share sheet there. */
export function isStandaloneIos(): boolean {
  if (typeof navigator === "undefined") return false;
  return (navigator as ShareNavigator).standalone === true;
}
