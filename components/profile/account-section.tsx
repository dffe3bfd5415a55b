"use client";

import { ChevronRight, LogIn, LogOut, MonitorSmartphone, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { lazy, Suspense, useState } from "react";
import { IntentLink } from "@/components/ui/intent-link";
import { useOpenedOnce } from "@/components/ui/opened-once";
import { toneText } from "@/components/ui/tones";
import type { Me } from "@/lib/contracts/user";
import { cardClass, IconWell, rowClass, Section } from "./section";

// The confirmations (and the sign-out and delete code behind them) load when one is first opened.
const SignOutDialog = lazy(() => import("./account-dialogs").then((m) => ({ default: m.SignOutDialog })));
const DeleteAccountDialog = lazy(() =>
  import("./account-dialogs").then((m) => ({ default: m.DeleteAccountDialog })),
);

export const signInHref = (next: string) => `/sign-in?next=${encodeURIComponent(next)}`;

/**
 * Guest: create an account / sign in. Registered: sign out (this device or everywhere) and
 * delete the account, each confirmed.
 */
export function AccountSection({ me }: { me: Me }) {
  const t = useTranslations("profile");
  const [dialog, setDialog] = useState<"sign-out" | "sign-out-everywhere" | "delete" | null>(null);
  const registered = !me.isGuest;
  const dialogShown = useOpenedOnce(dialog !== null);

  return (
    <Section title={t("accountTitle")}>
      <div className={`${cardClass} divide-y divide-border-default`}>
        {registered ? (
          <>
            <button type="button" className={rowClass} onClick={() => setDialog("sign-out")}>
              <IconWell>
                <LogOut />
              </IconWell>
              <span className="flex-1">{t("signOut")}</span>
              <ChevronRight aria-hidden="true" className="size-5 text-text-secondary" />
            </button>
            <button type="button" className={rowClass} onClick={() => setDialog("sign-out-everywhere")}>
              <IconWell>
                <MonitorSmartphone />
              </IconWell>
              <span className="flex min-w-0 flex-1 flex-col">
                <span>{t("signOutEverywhere")}</span>
                <span className="text-caption text-text-secondary">{t("signOutEverywhereHint")}</span>
              </span>
              <ChevronRight aria-hidden="true" className="size-5 text-text-secondary" />
            </button>
            <button type="button" className={rowClass} onClick={() => setDialog("delete")}>
              <IconWell tone="error">
                <Trash2 />
              </IconWell>
              <span className={`flex-1 font-semibold ${toneText.error}`}>{t("deleteAccount")}</span>
              <ChevronRight aria-hidden="true" className="size-5 text-text-secondary" />
            </button>
          </>
        ) : (
          <IntentLink href={signInHref("/profile")} className={rowClass}>
            <IconWell>
              <LogIn />
            </IconWell>
            <span className="flex min-w-0 flex-1 flex-col">
              <span className="font-semibold">{t("signIn")}</span>
              <span className="text-caption text-text-secondary">{t("signInHint")}</span>
            </span>
            <ChevronRight aria-hidden="true" className="size-5 text-text-secondary" />
          </IntentLink>
        )}
      </div>
      {dialogShown ? (
        <Suspense>
          <SignOutDialog open={dialog === "sign-out"} onClose={() => setDialog(null)} />
          <SignOutDialog everywhere open={dialog === "sign-out-everywhere"} onClose={() => setDialog(null)} />
          <DeleteAccountDialog open={dialog === "delete"} onClose={() => setDialog(null)} />
        </Suspense>
      ) : null}
    </Section>
  );
}
