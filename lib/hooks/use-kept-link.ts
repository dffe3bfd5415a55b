"use client";

import { useState } from "react";
import { mediaFileOf } from "../media-link";

/** True when two links name the same file (relative links are taken as on one origin). */
export function sameFile(a: string, b: string): boolean {
  const base = "http://same.invalid";
  return mediaFileOf(new URL(a, base)) === mediaFileOf(new URL(b, base));
}

/**
 * Signed media links are new on every read of a job, but a refreshed job must not reload a video
 * someone is watching. Keeps the link in use while the fresh one names the same file; takes the
 * fresh one when the file changes or when `attempt` moves on (the kept link failed).
 */
export function useKeptLink(fresh: string | null, attempt: number): string | null {
  const [kept, setKept] = useState({ link: fresh, attempt });
  const stale =
    attempt !== kept.attempt ||
    (fresh !== kept.link && (fresh === null || kept.link === null || !sameFile(fresh, kept.link)));
  if (stale) setKept({ link: fresh, attempt });
  return stale ? fresh : kept.link;
}
