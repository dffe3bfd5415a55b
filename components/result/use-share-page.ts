"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ToastMessage } from "@/components/ui/toast";
import { shareApi } from "@/lib/api/endpoints";
import { ApiError } from "@/lib/api/errors";
import type { Job } from "@/lib/contracts/job";
import { sharePageLink, sharePageUrl } from "@/lib/share";

/**
 * Sharing a video's public page and taking it down, for the result page and History.
 * `onChange` hears the job's new sharePath (null once taken down).
 */
export function useSharePage(options: {
  onToast: (message: ToastMessage) => void;
  onChange: (job: Job, sharePath: string | null) => void;
}) {
  const { onToast, onChange } = options;
  const t = useTranslations("share");
  const tAll = useTranslations();
  const [busy, setBusy] = useState(false);

  const failure = (title: string, error: unknown) =>
    onToast({ tone: "error", title, detail: error instanceof ApiError ? tAll(error.messageKey) : undefined });

  const send = (url: string) => {
    void sharePageLink({ url, title: t("sheet.title"), text: t("sheet.text") }).then((outcome) => {
      if (outcome === "copied")
        onToast({ tone: "success", title: t("toast.copied"), detail: t("toast.copiedHint") });
      // Neither sheet nor clipboard without a fresh tap: the page exists now, a second tap sends it.
      if (outcome === "failed")
        onToast({ tone: "success", title: t("toast.ready"), detail: t("toast.readyHint") });
    });
  };

  /** A page already made is sent inside the tap itself (iOS needs that); a new one is made first. */
  const share = (job: Job, showPrompt = true) => {
    if (job.sharePath) {
      send(sharePageUrl(job.sharePath));
      return;
    }
    setBusy(true);
    shareApi
      .share(job.id, { showPrompt })
      .then(({ url }) => {
        onChange(job, new URL(url).pathname);
        send(url);
      })
      .catch((error: unknown) => failure(t("toast.failed"), error))
      .finally(() => setBusy(false));
  };

  const stop = (job: Job) => {
    setBusy(true);
    shareApi
      .unshare(job.id)
      .then(() => {
        onChange(job, null);
        onToast({ tone: "success", title: t("toast.stopped") });
      })
      .catch((error: unknown) => failure(t("toast.stopFailed"), error))
      .finally(() => setBusy(false));
  };

  return { share, stop, busy };
}
