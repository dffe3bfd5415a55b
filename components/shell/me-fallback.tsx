"use client";

import type { ReactNode } from "react";
import { SWRConfig } from "swr";
import { swrKeys } from "@/lib/api/hooks";
import type { Me } from "@/lib/contracts/user";

/**
 * Seeds `useMe()` below it with the user the server already read, so the first paint shows the
 * balance instead of a placeholder; SWR still revalidates it in the background.
 */
export function MeFallback({ me, children }: { me: Me | null; children: ReactNode }) {
  return <SWRConfig value={{ fallback: me ? { [swrKeys.me]: me } : {} }}>{children}</SWRConfig>;
}
