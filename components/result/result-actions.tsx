"use client";

import { Download, Maximize2, RotateCcw, Share2, WandSparkles } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { RefObject } from "react";
import type { Job } from "@/lib/contracts/job";
import { isStandaloneIos, shareVideo, useShareableFile } from "./share";
import type { ToastMessage } from "./toast";

type Props = {
  job: Job;
  regenerateHref: string;
  videoRef: RefObject<HTMLVideoElement | null>;
  onToast: (message: ToastMessage) => void;
};

type FullscreenVideo = HTMLVideoElement & { webkitEnterFullscreen?: () => void };

const primary =
  "inline-flex min-h-12 flex-1 items-center justify-center gap-2 rounded-card bg-brand-primary px-4 text-headline font-semibold text-on-brand shadow-card transition-opacity hover:opacity-95";
const tinted =
  "inline-flex min-h-12 flex-1 items-center justify-center gap-2 rounded-card bg-brand-primary/10 px-4 text-headline font-semibold ring-1 ring-brand-primary/25 ring-inset transition-colors hover:bg-brand-primary/15";
const outline =
  "inline-flex min-h-12 w-full items-center justify-center gap-2 rounded-card px-4 text-headline font-semibold ring-1 ring-border-default ring-inset transition-colors hover:bg-surface-card";

/** Save / Share / Full screen and Regenerate for a finished video; Try again for a failed one. */
export function ResultActions({ job, regenerateHref, videoRef, onToast }: Props) {
  const t = useTranslations("result.actions");
  const tShare = useTranslations("share");
  const file = useShareableFile(job);

  if (job.status === "failed") {
    return (
      <div className="flex flex-col gap-3">
        <Link href={regenerateHref} className={primary}>
          <RotateCcw aria-hidden="true" className="size-5" />
          {t("retry")}
        </Link>
      </div>
    );
  }
  if (job.status !== "completed" || !job.videoUrl) return null;

  const videoUrl = job.videoUrl;
  const saveThroughShare = isStandaloneIos() && file !== null;

  const share = (withFile: File | null) => {
    // No await before this call: iOS needs navigator.share() inside the tap itself.
    const url = new URL(videoUrl, window.location.href).toString();
    void shareVideo({ file: withFile, url, title: tShare("sheet.title"), text: tShare("sheet.text") }).then(
      (outcome) => {
        if (outcome === "copied")
          onToast({ tone: "success", title: tShare("toast.copied"), detail: tShare("toast.copiedHint") });
        if (outcome === "failed") onToast({ tone: "error", title: tShare("toast.failed") });
      },
    );
  };

  const fullscreen = () => {
    const video = videoRef.current as FullscreenVideo | null;
    if (!video) return;
    if (typeof video.requestFullscreen === "function" && document.fullscreenEnabled) {
      void video.requestFullscreen().catch(() => video.webkitEnterFullscreen?.());
    } else {
      video.webkitEnterFullscreen?.();
    }
  };

  return (
    <div className="flex flex-col gap-3">
      <div className="flex gap-3">
        {saveThroughShare ? (
          <button type="button" onClick={() => share(file)} className={primary}>
            <Download aria-hidden="true" className="size-5" />
            {t("save")}
          </button>
        ) : (
          <a href={job.downloadUrl ?? job.videoUrl} download className={primary}>
            <Download aria-hidden="true" className="size-5" />
            {t("download")}
          </a>
        )}
        <button type="button" onClick={() => share(file)} className={`${tinted} text-text-primary`}>
          <Share2 aria-hidden="true" className="size-5" />
          {t("share")}
        </button>
        <button
          type="button"
          onClick={fullscreen}
          aria-label={t("fullscreen")}
          title={t("fullscreen")}
          className="inline-flex size-12 shrink-0 items-center justify-center rounded-card ring-1 ring-border-default ring-inset transition-colors hover:bg-surface-card"
        >
          <Maximize2 aria-hidden="true" className="size-5" />
        </button>
      </div>
      <Link href={regenerateHref} className={outline}>
        <WandSparkles aria-hidden="true" className="size-5" />
        {t("regenerate")}
      </Link>
    </div>
  );
}
