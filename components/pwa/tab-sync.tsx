"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useSWRConfig } from "swr";
import { isJobPagesCacheKey, swrKeys } from "@/lib/api/hooks";
import { listen } from "@/lib/api/tab-sync";

/**
 * Listens, once for the whole app, to what other tabs announce (lib/api/tab-sync.ts) and asks
 * the server again for what changed: the balance, History, or — after a sign-in or sign-out —
 * everything, the server-rendered parts included. SWR also asks again when the tab is focused.
 */
export function TabSync() {
  const { cache, mutate } = useSWRConfig();
  const router = useRouter();

  useEffect(
    () =>
      listen(({ topics }) => {
        if (topics.includes("session")) {
          for (const key of cache.keys()) void mutate(key);
          router.refresh();
          return;
        }
        if (topics.includes("me")) void mutate(swrKeys.me);
        if (topics.includes("jobs")) {
          for (const key of cache.keys()) if (isJobPagesCacheKey(key)) void mutate(key);
        }
      }),
    [cache, mutate, router],
  );

  return null;
}
