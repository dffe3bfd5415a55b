"use client";

import { ChevronRight, Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { cardClass, IconWell, rowClass, Section } from "@/components/profile/section";
import { dismissInstallHint, promptInstall, useInstallState } from "./install-state";
import { IosInstallSheet } from "./ios-install-sheet-lazy";

/**
 * Profile's "Install app" row: always there to ask for, even after the Home hint was closed,
 * as long as this browser can install and the app is not installed yet.
 */
export function InstallRow() {
  const t = useTranslations("install");
  const state = useInstallState();
  const [sheetOpen, setSheetOpen] = useState(false);
  const ios = state.platform === "ios-safari";
  if (state.installed || !(ios || state.canPrompt)) return null;

  return (
    <Section title={t("sectionTitle")}>
      <div className={cardClass}>
        <button
          type="button"
          onClick={() => (ios ? setSheetOpen(true) : void promptInstall())}
          className={rowClass}
        >
          <IconWell>
            <Download />
          </IconWell>
          <span className="flex flex-1 flex-col">
            <span>{t("install")}</span>
            <span className="text-caption text-text-secondary">{ios ? t("rowHintIos") : t("rowHint")}</span>
          </span>
          <ChevronRight aria-hidden="true" className="size-5 text-text-secondary" />
        </button>
      </div>
      <IosInstallSheet
        open={sheetOpen}
        onClose={() => {
          setSheetOpen(false);
          dismissInstallHint();
        }}
      />
    </Section>
  );
}
