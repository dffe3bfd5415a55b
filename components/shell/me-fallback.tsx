"use client";

import type { ReactNode } from "react";
import { MeSeed } from "@/lib/api/me";
import type { Me } from "@/lib/contracts/user";

/**
 * Seeds `useMe()` below it with the user the server already read, so the first paint shows the
 * balance instead of a placeholder; the browser still reads it again in the background.
 */
export function MeFallback({ me, children }: { me: Me | null; children: ReactNode }) {
  return <MeSeed value={me}>{children}</MeSeed>;
}
