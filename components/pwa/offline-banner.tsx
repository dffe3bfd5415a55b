"use client";

import { WifiOff } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { useOnline } from "./use-online";

/**
 * A strip under the top of the shell while the browser is offline. Back online it goes away and
 * the server-rendered parts refresh (SWR revalidates its own data on reconnect).
 */
export function OfflineBanner() {
  const t = useTranslations("pwa");
  const online = useOnline();
  const router = useRouter();
  const wasOffline = useRef(false);

  useEffect(() => {
    if (!online) wasOffline.current = true;
    else if (wasOffline.current) {
      wasOffline.current = false;
      router.refresh();
    }
  }, [online, router]);

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
