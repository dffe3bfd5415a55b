"use client";

import { Copy, Download, Link2Off, Maximize2, RotateCcw, Share2, WandSparkles } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type RefObject, useEffect, useState } from "react";
import { useSWRConfig } from "swr";
import type { ToastMessage } from "@/components/ui/toast";
import { toneText } from "@/components/ui/tones";
import { swrKeys } from "@/lib/api/hooks";
import type { Job } from "@/lib/contracts/job";
import { copyText, isStandaloneIos, sharePageUrl, shareVideo, useShareableFile } from "@/lib/share";
import { useSharePage } from "./use-share-page";

type Props = {
  job: Job;
  regenerateHref: string;
  videoRef: RefObject<HTMLVideoElement | null>;
  onToast: (message: ToastMessage) => void;
};

type FullscreenVideo = HTMLVideoElement & { webkitEnterFullscreen?: () => void };

// In a row that wraps (320 px, long labels): each takes its label's width and grows to fill.
const primary =
  "inline-flex min-h-12 flex-[1_1_auto] items-center justify-center gap-2 rounded-card bg-brand-primary px-4 text-headline font-semibold text-on-brand shadow-card transition-opacity hover:opacity-95";
const tinted =
  "inline-flex min-h-12 flex-[1_1_auto] items-center justify-center gap-2 rounded-card bg-brand-primary/10 px-4 text-headline font-semibold ring-1 ring-brand-primary/25 ring-inset transition-colors hover:bg-brand-primary/15";
const outline =
  "inline-flex min-h-12 w-full items-center justify-center gap-2 rounded-card px-4 text-headline font-semibold ring-1 ring-border-default ring-inset transition-colors hover:bg-surface-card";

/** Save / Share / Full screen and Regenerate for a finished video; Try again for a failed one. */
export function ResultActions({ job, regenerateHref, videoRef, onToast }: Props) {
  const t = useTranslations("result.actions");
  const tShare = useTranslations("share");
  const file = useShareableFile(job);
  const { mutate } = useSWRConfig();
  const [showPrompt, setShowPrompt] = useState(true);
  const sharing = useSharePage({
    onToast,
    onChange: (changed, sharePath) =>
      void mutate(swrKeys.job(changed.id), { ...changed, sharePath }, { revalidate: false }),
  });

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

  /** Saving on an installed iOS app: the file through the share sheet (no await before it). */
  const saveFile = (withFile: File) => {
    const url = new URL(videoUrl, window.location.href).toString();
    void shareVideo({ file: withFile, url, title: tShare("sheet.title"), text: tShare("sheet.text") }).then(
      (outcome) => {
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
      <div className="flex flex-wrap gap-3" data-testid="result-actions-row">
        {saveThroughShare ? (
          <button type="button" onClick={() => saveFile(file)} className={primary}>
            <Download aria-hidden="true" className="size-5 shrink-0" />
            {t("save")}
          </button>
        ) : (
          <a href={job.downloadUrl ?? job.videoUrl} download className={primary}>
            <Download aria-hidden="true" className="size-5 shrink-0" />
            {t("download")}
          </a>
        )}
        <button
          type="button"
          onClick={() => sharing.share(job, showPrompt)}
          disabled={sharing.busy}
          aria-busy={sharing.busy}
          className={`${tinted} text-text-primary disabled:opacity-60`}
        >
          <Share2 aria-hidden="true" className="size-5 shrink-0" />
          {sharing.busy ? tShare("sharing") : t("share")}
        </button>
        <button
          type="button"
          onClick={fullscreen}
          aria-label={t("fullscreen")}
          title={t("fullscreen")}
          className="inline-flex size-12 shrink-0 items-center justify-center rounded-card ring-1 ring-border-default ring-inset transition-colors hover:bg-surface-card"
        >
          <Maximize2 aria-hidden="true" className="size-5 shrink-0" />
        </button>
      </div>
      {job.sharePath ? (
        <SharedPanel
          path={job.sharePath}
          busy={sharing.busy}
          onCopy={onToast}
          onStop={() => sharing.stop(job)}
        />
      ) : (
        <label className="flex min-h-11 items-center gap-3 text-subheadline">
          <input
            type="checkbox"
            checked={showPrompt}
            onChange={(event) => setShowPrompt(event.currentTarget.checked)}
            className="size-5 shrink-0 accent-brand-primary"
          />
          {tShare("showPrompt")}
        </label>
      )}
      <Link href={regenerateHref} className={outline}>
        <WandSparkles aria-hidden="true" className="size-5" />
        {t("regenerate")}
      </Link>
    </div>
  );
}

/** The page's link while the video is shared, to copy, and the way to take the page down. */
function SharedPanel({
  path,
  busy,
  onCopy,
  onStop,
}: {
  path: string;
  busy: boolean;
  onCopy: (message: ToastMessage) => void;
  onStop: () => void;
}) {
  const t = useTranslations("share");
  // The server renders the path; the browser, which knows its origin, the whole address.
  const [url, setUrl] = useState(path);
  useEffect(() => setUrl(sharePageUrl(path)), [path]);
  const copy = () =>
    void copyText(url).then((outcome) =>
      onCopy(
        outcome === "copied"
          ? { tone: "success", title: t("toast.copied"), detail: t("toast.copiedHint") }
          : { tone: "error", title: t("toast.failed") },
      ),
    );
  const small =
    "inline-flex min-h-11 flex-[1_1_auto] items-center justify-center gap-2 rounded-card px-3 text-subheadline font-semibold ring-1 ring-border-default ring-inset transition-colors hover:bg-surface-base disabled:opacity-60";
  return (
    <section
      aria-label={t("panel.title")}
      className="flex flex-col gap-2 rounded-card bg-surface-card p-3 ring-1 ring-border-default ring-inset"
      data-testid="share-panel"
    >
      <p className="text-subheadline font-semibold">{t("panel.title")}</p>
      <p className="text-caption text-pretty text-text-secondary">{t("panel.hint")}</p>
      <a
        href={url}
        className={`text-subheadline break-all underline ${toneText.brand}`}
        data-testid="share-url"
      >
        {url}
      </a>
      <div className="flex flex-wrap gap-2">
        <button type="button" onClick={copy} className={small}>
          <Copy aria-hidden="true" className="size-4 shrink-0" />
          {t("panel.copy")}
        </button>
        <button type="button" onClick={onStop} disabled={busy} className={small}>
          <Link2Off aria-hidden="true" className="size-4 shrink-0" />
          {t("stop")}
        </button>
      </div>
    </section>
  );
}
