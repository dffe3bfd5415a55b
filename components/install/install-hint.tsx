"use client";

import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { BrandMark } from "@/components/ui/brand-mark";
import { dismissInstallHint, promptInstall, useInstallState } from "./install-state";
import { IosInstallSheet } from "./ios-install-sheet-lazy";

/**
 * Home's install offer, once the person has started (never on a first visit, never in the
 * installed app, never again after either offer is closed). One offer at a time: iOS Safari gets
 * the how-to sheet, once, and only while nothing else holds the person (no other dialog open, no
 * field being typed in); other browsers get a quiet card whose button opens the browser's own
 * install prompt.
 */
export function InstallHint({ ready }: { ready: boolean }) {
  const t = useTranslations("install");
  const titleId = useId();
  const state = useInstallState();
  const [sheetOpen, setSheetOpen] = useState(false);
  const offer = ready && !state.installed && !state.dismissed;
  const ios = state.platform === "ios-safari";
  const offerIos = offer && ios;

  useEffect(() => {
    if (offerIos && !busyElsewhere()) setSheetOpen(true);
  }, [offerIos]);

  const closeSheet = () => {
    setSheetOpen(false);
    dismissInstallHint();
  };

  return (
    <>
      {offer && !ios && state.canPrompt ? (
        // Over the page, above the tab bar: the browser offers the install after the page has
        // loaded, and a card placed in the flow would push the catalog down (layout shift).
        <section
          aria-labelledby={titleId}
          className="fixed inset-x-4 bottom-[calc(var(--tabbar-height)+env(safe-area-inset-bottom,0px)+0.75rem)] z-30 mx-auto flex max-w-md animate-fade-in items-center gap-3 rounded-banner bg-surface-card p-4 pr-12 shadow-banner ring-1 ring-border-default ring-inset md:bottom-[calc(env(safe-area-inset-bottom,0px)+1.5rem)]"
        >
          <BrandMark className="size-11" />
          <div className="flex min-w-0 flex-1 flex-col gap-0.5">
            <h2 id={titleId} className="text-headline font-semibold text-balance">
              {t("cardTitle")}
            </h2>
            <p className="text-subheadline text-pretty text-text-secondary">{t("cardBody")}</p>
          </div>
          <button
            type="button"
            onClick={() => void promptInstall()}
            className="inline-flex min-h-11 shrink-0 items-center rounded-full bg-brand-primary px-4 text-subheadline font-semibold text-on-brand transition-[opacity,transform] hover:opacity-95 active:scale-[0.97]"
          >
            {t("install")}
          </button>
          <button
            type="button"
            onClick={dismissInstallHint}
            aria-label={t("notNow")}
            className="absolute top-1 right-1 flex size-10 items-center justify-center rounded-full text-text-secondary transition-colors hover:bg-text-secondary/10"
          >
            <X aria-hidden="true" className="size-[1.125rem]" strokeWidth={2.5} />
          </button>
        </section>
      ) : null}
      <IosInstallSheet open={sheetOpen} onClose={closeSheet} />
    </>
  );
}

/** The person is in the middle of something: another dialog is open or a field has the focus. */
function busyElsewhere(): boolean {
  if (document.querySelector("dialog[open]")) return true;
  const focused = document.activeElement;
  return (
    focused instanceof HTMLElement &&
    (focused.isContentEditable || focused.matches("input, textarea, select"))
  );
}
