"use client";

import { Check, Copy } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { type RefObject, useEffect, useState } from "react";
import type { Job } from "@/lib/contracts/job";
import { useNow } from "@/lib/hooks/use-now";
import { copyText } from "@/lib/share";

/** The finished video's real frame size, read from the player once it knows it. */
function useVideoSize(videoRef: RefObject<HTMLVideoElement | null> | undefined, ready: boolean) {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    const video = videoRef?.current;
    if (!ready || !video) return;
    const read = () => {
      if (video.videoWidth > 0) setSize({ width: video.videoWidth, height: video.videoHeight });
    };
    read();
    video.addEventListener("loadedmetadata", read);
    return () => video.removeEventListener("loadedmetadata", read);
  }, [videoRef, ready]);
  return size;
}

/**
 * Prompt, model, settings, cost and dates (the ResultInfoCard). A preview render says what it
 * really is (its own frame size), since the preview renderer makes a smaller video than asked.
 */
export function ResultDetails({
  job,
  videoRef,
}: {
  job: Job;
  videoRef?: RefObject<HTMLVideoElement | null>;
}) {
  const t = useTranslations("result.details");
  const tSettings = useTranslations("create.settings");
  const tRoot = useTranslations();
  const format = useFormatter();
  const [copied, setCopied] = useState(false);
  const now = useNow(0, false);
  const preview = job.provider === "local" && job.status === "completed";
  const videoSize = useVideoSize(videoRef, preview);

  const settings = [
    tSettings("seconds", { seconds: job.settings.durationSeconds }),
    job.settings.resolution === "auto" ? tSettings("auto") : job.settings.resolution,
    job.settings.aspectRatio === "auto" ? tSettings("matchImage") : job.settings.aspectRatio,
    job.settings.audio ? t("withSound") : t("noSound"),
  ].join(" · ");
  // Dates only after mount: the server does not know the viewer's time zone.
  const timeZone = now === null ? undefined : Intl.DateTimeFormat().resolvedOptions().timeZone;
  const date = (iso: string, withTime: boolean) =>
    format.dateTime(new Date(iso), {
      dateStyle: "medium",
      ...(withTime ? { timeStyle: "short" } : {}),
      timeZone,
    });

  return (
    <section
      aria-labelledby="details-title"
      className="flex flex-col gap-4 rounded-card bg-surface-card/60 p-4 ring-1 ring-border-default ring-inset"
    >
      <h2 id="details-title" className="sr-only">
        {t("title")}
      </h2>
      <div className="flex flex-col gap-1.5">
        <div className="flex items-center justify-between gap-2">
          <h3 className="text-caption font-semibold tracking-wide text-text-secondary uppercase">
            {t("prompt")}
          </h3>
          <button
            type="button"
            onClick={() =>
              void copyText(job.prompt).then((outcome) => {
                if (outcome !== "copied") return;
                setCopied(true);
                setTimeout(() => setCopied(false), 2000);
              })
            }
            className="-my-2 -mr-2 inline-flex min-h-11 items-center gap-1.5 rounded-full px-3 text-caption font-semibold text-text-secondary transition-colors hover:bg-surface-card hover:text-text-primary"
          >
            {copied ? (
              <Check aria-hidden="true" className="size-4" />
            ) : (
              <Copy aria-hidden="true" className="size-4" />
            )}
            <span aria-live="polite">{copied ? t("copied") : t("copy")}</span>
          </button>
        </div>
        <p className="text-body break-words whitespace-pre-line" data-testid="result-prompt">
          {job.prompt}
        </p>
      </div>

      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2.5 border-t border-border-default pt-4 text-subheadline">
        <dt className="text-text-secondary">{t("model")}</dt>
        <dd className="text-right font-medium">
          <Link href={`/create/${job.model.slug}`} className="underline-offset-2 hover:underline">
            {job.model.name}
          </Link>
        </dd>
        <dt className="text-text-secondary">{t("settings")}</dt>
        <dd className="text-right font-medium tabular-nums">{settings}</dd>
        {preview ? (
          <>
            <dt className="text-text-secondary">{t("preview")}</dt>
            <dd className="text-right font-medium tabular-nums" data-testid="result-output">
              {videoSize ? t("previewRenderSize", videoSize) : t("previewRender")}
            </dd>
          </>
        ) : null}
        <dt className="text-text-secondary">{t("cost")}</dt>
        <dd className="text-right font-medium tabular-nums" data-testid="result-cost">
          {job.refunded ? (
            <>
              <s className="text-text-secondary">{tRoot("credits.count", { count: job.creditsUsed })}</s>{" "}
              {t("refunded")}
            </>
          ) : (
            tRoot("credits.count", { count: job.creditsUsed })
          )}
        </dd>
        <dt className="text-text-secondary">{t("created")}</dt>
        <dd className="text-right font-medium tabular-nums">
          {now === null ? "" : <time dateTime={job.createdAt}>{date(job.createdAt, true)}</time>}
        </dd>
        <dt className="text-text-secondary">{t("keptUntil")}</dt>
        <dd className="text-right font-medium tabular-nums">
          {now === null ? "" : <time dateTime={job.expiresAt}>{date(job.expiresAt, false)}</time>}
        </dd>
      </dl>
    </section>
  );
}
