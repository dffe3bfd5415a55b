"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { mutateMe } from "@/lib/api/me";
import { listen } from "@/lib/api/tab-sync";

const swrCache = () => import("@/lib/api/swr-cache");

/**
 * Listens, once for the whole app, to what other tabs announce (lib/api/tab-sync.ts) and asks
 * the server again for what changed: the balance, History, or — after a sign-in or sign-out —
 * everything, the server-rendered parts included. The balance is also read again when the tab
 * is focused (lib/api/me-store.ts), as SWR does for what the screens keep in it.
 */
export function TabSync() {
  const router = useRouter();

  useEffect(
    () =>
      listen(({ topics }) => {
        if (topics.includes("session")) {
          void mutateMe();
          void swrCache().then((swr) => swr.revalidateAll());
          router.refresh();
          return;
        }
        if (topics.includes("me")) void mutateMe();
        if (topics.includes("jobs")) void swrCache().then((swr) => swr.revalidateJobPages());
      }),
    [router],
  );

  return null;
}
