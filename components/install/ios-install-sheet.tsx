"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Dialog, dialogButton } from "@/components/ui/dialog";
import { toneText } from "@/components/ui/tones";

/** iOS's Share symbol (a box with an arrow up), drawn inline so it matches what Safari shows. */
function ShareSymbol() {
  return (
    <svg
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      className="inline-block size-5 align-[-0.25em] text-[#0a84ff]"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M8.5 9.5H7a2 2 0 0 0-2 2v7.5a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-7.5a2 2 0 0 0-2-2h-1.5" />
      <path d="M12 3v11.5M8.5 6.5 12 3l3.5 3.5" />
    </svg>
  );
}

/** The "Add to Home Screen" symbol of the share menu: a plus in a rounded square. */
function AddSymbol() {
  return (
    <svg
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      className="inline-block size-5 align-[-0.25em]"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
    >
      <rect x="3.5" y="3.5" width="17" height="17" rx="4" />
      <path d="M12 8v8M8 12h8" />
    </svg>
  );
}

const strong = (chunks: ReactNode) => <strong className="font-semibold">{chunks}</strong>;

/**
 * How to install on iPhone and iPad: Safari has no install prompt, so the sheet walks through
 * Share → Add to Home Screen → Add, with the symbols the person will look for.
 */
export function IosInstallSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("install");
  const steps = [
    t.rich("iosStepShare", { share: () => <ShareSymbol />, b: strong }),
    t.rich("iosStepAdd", { add: () => <AddSymbol />, b: strong }),
    t.rich("iosStepConfirm", { b: strong }),
  ];
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t("iosTitle")}
      description={t("iosBody")}
      closeLabel={t("close")}
      testId="ios-install-sheet"
    >
      <ol className="flex flex-col gap-3">
        {steps.map((step, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of three steps
          <li key={index} className="flex items-start gap-3 text-body">
            <span
              aria-hidden="true"
              className={`flex size-7 shrink-0 items-center justify-center rounded-full bg-brand-primary/10 text-subheadline font-semibold ${toneText.brandOnTint}`}
            >
              {index + 1}
            </span>
            <span className="pt-0.5 text-pretty">{step}</span>
          </li>
        ))}
      </ol>
      <button type="button" onClick={onClose} className={`${dialogButton.primary} mt-2`}>
        {t("gotIt")}
      </button>
    </Dialog>
  );
}
