"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { installDismissedKey } from "@/components/install/install-state";
import { unsubscribeFromPush } from "@/components/pwa/notifications";
import { themeStorageKey } from "@/components/shell/theme-script";
import { Dialog, dialogButton } from "@/components/ui/dialog";
import { toneText } from "@/components/ui/tones";
import { accountApi } from "@/lib/api/account";
import type { ApiError } from "@/lib/api/errors";
import { clearUserCaches } from "@/lib/pwa/caches";
import { clearLocalState } from "./local-state";

/**
 * What a sign-out leaves on this device: its theme (language lives in a cookie the sign-out does
 * not touch) and a closed install offer. Deleting the account leaves nothing.
 */
const devicePreferences = [themeStorageKey, installDismissedKey];

/** Leaves for Home as a fresh visitor: nothing of the old person stays in this browser. */
async function startOver(keep: readonly string[]) {
  clearLocalState(keep);
  await clearUserCaches();
  window.location.assign("/");
}

function useAction(action: () => Promise<unknown>, keep: readonly string[]) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await unsubscribeFromPush().catch(() => undefined);
      await action();
      await startOver(keep);
    } catch (failure) {
      setError(failure as ApiError);
      setBusy(false);
    }
  };
  return { busy, error, run, reset: () => setError(null) };
}

function ErrorLine({ error }: { error: ApiError | null }) {
  const t = useTranslations();
  return error ? (
    <p role="alert" className={`text-subheadline ${toneText.error}`}>
      {t(error.messageKey)}
    </p>
  ) : null;
}

/** Signs out this device, or with `everywhere` every device of the account; both start over here. */
export function SignOutDialog({
  open,
  onClose,
  everywhere = false,
}: {
  open: boolean;
  onClose: () => void;
  everywhere?: boolean;
}) {
  const t = useTranslations();
  const action = useAction(everywhere ? accountApi.signOutEverywhere : accountApi.signOut, devicePreferences);
  const close = () => {
    action.reset();
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      busy={action.busy}
      title={t(everywhere ? "profile.signOutEverywhereTitle" : "profile.signOutTitle")}
      description={t(everywhere ? "profile.signOutEverywhereMessage" : "profile.signOutMessage")}
      closeLabel={t("common.close")}
      testId={everywhere ? "sign-out-everywhere-dialog" : "sign-out-dialog"}
    >
      <ErrorLine error={action.error} />
      <div className="flex flex-col gap-2">
        <button type="button" className={dialogButton.primary} onClick={action.run} disabled={action.busy}>
          {action.busy
            ? t("profile.signingOut")
            : t(everywhere ? "profile.signOutEverywhereConfirm" : "profile.signOutConfirm")}
        </button>
        <button type="button" className={dialogButton.secondary} onClick={close} disabled={action.busy}>
          {t("common.cancel")}
        </button>
      </div>
    </Dialog>
  );
}

export function DeleteAccountDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations();
  const locale = useLocale();
  const inputId = useId();
  const [typed, setTyped] = useState("");
  const action = useAction(accountApi.deleteAccount, []);
  const word = t("profile.deleteWord");
  const confirmed = typed.trim().toLocaleUpperCase(locale) === word.toLocaleUpperCase(locale);
  const close = () => {
    setTyped("");
    action.reset();
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      busy={action.busy}
      title={t("profile.deleteTitle")}
      description={t("profile.deleteMessage")}
      closeLabel={t("common.close")}
      testId="delete-account-dialog"
    >
      <form
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (confirmed) void action.run();
        }}
      >
        <div className="flex flex-col gap-2">
          <label htmlFor={inputId} className="text-subheadline font-semibold">
            {t("profile.deleteTypeLabel", { word })}
          </label>
          <input
            id={inputId}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            disabled={action.busy}
            className="min-h-12 rounded-input bg-surface-card px-3 text-body ring-1 ring-border-default ring-inset focus-visible:outline-2 focus-visible:outline-brand-primary"
          />
        </div>
        <ErrorLine error={action.error} />
        <div className="flex flex-col gap-2">
          <button type="submit" className={dialogButton.destructive} disabled={!confirmed || action.busy}>
            {action.busy ? t("profile.deleting") : t("profile.deleteConfirm")}
          </button>
          <button type="button" className={dialogButton.secondary} onClick={close} disabled={action.busy}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
