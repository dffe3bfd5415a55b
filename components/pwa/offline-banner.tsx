"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useEffect, useRef } from "react";
import { mutateMe } from "@/lib/api/me";
import { useOnline } from "./use-online";

const swrCache = () => import("@/lib/api/swr-cache");

/**
 * A strip at the top of the shell while the browser is offline (its words and icon come from the
 * layout: the shell's islands carry no translation runtime and no icon code). Back online it goes away and
 * everything refreshes: the server-rendered parts, the balance and every SWR key in use. A
 * reconnect read is deduplicated against the last one, which the worker answered from its cache
 * if the page was opened offline moments before, so each is asked for again explicitly.
 */
export function OfflineBanner({
  texts,
  icon,
}: {
  texts: { title: string; detail: string };
  icon: ReactNode;
}) {
  const online = useOnline();
  const router = useRouter();
  const wasOffline = useRef(false);

  useEffect(() => {
    if (!online) wasOffline.current = true;
    else if (wasOffline.current) {
      wasOffline.current = false;
      router.refresh();
      void mutateMe();
      void swrCache().then((swr) => swr.revalidateAll());
    }
  }, [online, router]);

  return (
    <div role="status" aria-live="polite" className="contents">
      {online ? null : (
        <div
          data-testid="offline-banner"
          className="sticky top-0 z-30 flex items-center justify-center gap-2 bg-warning/15 px-4 pt-[max(0.5rem,env(safe-area-inset-top))] pb-2 text-center text-subheadline font-semibold text-text-primary backdrop-blur md:pt-2"
        >
          {icon}
          <span>
            {texts.title} <span className="font-normal text-text-secondary">{texts.detail}</span>
          </span>
        </div>
      )}
    </div>
  );
}
