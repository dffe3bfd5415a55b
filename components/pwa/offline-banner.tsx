"use client";

import { WifiOff } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { useSWRConfig } from "swr";
import { useOnline } from "./use-online";

/**
 * A strip at the top of the shell while the browser is offline. Back online it goes away and
 * everything refreshes: the server-rendered parts, and every SWR key in use. SWR's own reconnect
 * revalidation is deduplicated against the last fetch, which the worker answered from its cache
 * if the page was opened offline moments before, so each key is revalidated explicitly.
 */
export function OfflineBanner() {
  const t = useTranslations("pwa");
  const online = useOnline();
  const router = useRouter();
  const { cache, mutate } = useSWRConfig();
  const wasOffline = useRef(false);

  useEffect(() => {
    if (!online) wasOffline.current = true;
    else if (wasOffline.current) {
      wasOffline.current = false;
      router.refresh();
      for (const key of cache.keys()) void mutate(key);
    }
  }, [online, router, cache, mutate]);

  return (
    <div role="status" aria-live="polite" className="contents">
      {online ? null : (
        <div
          data-testid="offline-banner"
          className="sticky top-0 z-30 flex items-center justify-center gap-2 bg-warning/15 px-4 pt-[max(0.5rem,env(safe-area-inset-top))] pb-2 text-center text-subheadline font-semibold text-text-primary backdrop-blur md:pt-2"
        >
          <WifiOff aria-hidden="true" className="size-4 shrink-0 text-warning" />
          <span>
            {t("offlineTitle")} <span className="font-normal text-text-secondary">{t("offlineDetail")}</span>
          </span>
        </div>
      )}
    </div>
  );
}
