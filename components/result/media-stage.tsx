"use client";

import { CircleCheck, Hourglass, LoaderCircle, RotateCcw, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { type RefObject, useState } from "react";
import type { Job } from "@/lib/contracts/job";
import {
  aspectRatioValue,
  failureCode,
  formatElapsed,
  jobClockStart,
  mediaBoxWidth,
  progressPercent,
} from "./format";
import { useNow } from "./use-now";

type Props = {
  job: Job;
  videoRef: RefObject<HTMLVideoElement | null>;
  /** The signed media link failed (expired): fetch fresh links once before giving up. */
  onMediaError: () => Promise<unknown>;
};

/**
 * The picture area, sized by the job's aspect ratio so a 9:16 video is a tall frame, not a
 * letterboxed 16:9 one. In flight it shows honest progress where the video will appear; then
 * the player; or, for a failed job, what happened.
 */
export function MediaStage({ job, videoRef, onMediaError }: Props) {
  const [naturalRatio, setNaturalRatio] = useState<number | null>(null);
  const ratio = naturalRatio ?? aspectRatioValue(job.settings.aspectRatio) ?? 16 / 9;

  return (
    <div
      className="mx-auto w-full [--stage-max-h:min(60dvh,40rem)] sm:[--stage-max-h:min(66dvh,44rem)] lg:[--stage-max-h:clamp(18rem,calc(100dvh-20rem),46rem)]"
      data-testid="media-stage"
    >
      <div
        className="relative mx-auto overflow-hidden rounded-banner bg-neutral-950 shadow-banner ring-1 ring-black/5 dark:ring-white/10"
        style={{ width: mediaBoxWidth(ratio, "var(--stage-max-h)"), aspectRatio: String(ratio) }}
      >
        {job.status === "completed" && job.videoUrl ? (
          <Player job={job} videoRef={videoRef} onRatio={setNaturalRatio} onMediaError={onMediaError} />
        ) : job.status === "failed" ? (
          <FailedStage job={job} />
        ) : (
          <ProgressStage job={job} />
        )}
      </div>
    </div>
  );
}

function Player({
  job,
  videoRef,
  onRatio,
  onMediaError,
}: {
  job: Job;
  videoRef: RefObject<HTMLVideoElement | null>;
  onRatio: (ratio: number) => void;
  onMediaError: () => Promise<unknown>;
}) {
  const t = useTranslations("result.player");
  const [failed, setFailed] = useState<"no" | "refreshing" | "yes">("no");
  return (
    <>
      {/* biome-ignore lint/a11y/useMediaCaption: generated clips have no spoken track to caption */}
      <video
        ref={videoRef}
        key={job.videoUrl}
        src={job.videoUrl ?? undefined}
        poster={job.thumbnailUrl ?? undefined}
        controls
        playsInline
        preload="metadata"
        aria-label={t("label")}
        data-testid="result-video"
        className="absolute inset-0 size-full bg-black object-contain"
        onLoadedMetadata={(event) => {
          const { videoWidth, videoHeight } = event.currentTarget;
          if (videoWidth > 0 && videoHeight > 0) onRatio(videoWidth / videoHeight);
          setFailed("no");
        }}
        onError={() => {
          if (failed !== "no") {
            setFailed("yes");
            return;
          }
          setFailed("refreshing");
          void onMediaError().finally(() => setFailed((f) => (f === "refreshing" ? "yes" : f)));
        }}
      />
      {failed === "yes" ? (
        <div className="absolute inset-0 flex flex-col items-center justify-center gap-3 bg-neutral-950/90 p-6 text-center text-white">
          <TriangleAlert aria-hidden="true" className="size-8 text-amber-300" />
          <p className="text-headline font-semibold">{t("error")}</p>
          <button
            type="button"
            onClick={() => window.location.reload()}
            className="inline-flex min-h-11 items-center gap-2 rounded-full bg-white px-5 text-subheadline font-semibold text-neutral-950"
          >
            <RotateCcw aria-hidden="true" className="size-4" />
            {t("reload")}
          </button>
        </div>
      ) : null}
    </>
  );
}

/** Soft moving colour where the video will appear (still under reduced motion). */
function Aurora() {
  return (
    <div aria-hidden="true" className="absolute inset-0 overflow-hidden">
      <div className="absolute -top-1/4 -left-1/4 size-3/4 rounded-full bg-[#6b4fff] opacity-70 blur-3xl motion-safe:animate-[pulse_4s_ease-in-out_infinite]" />
      <div className="absolute -right-1/4 -bottom-1/4 size-3/4 rounded-full bg-[#ff3d71] opacity-50 blur-3xl motion-safe:animate-[pulse_5s_ease-in-out_infinite_1s]" />
      <div className="absolute inset-0 bg-neutral-950/30" />
    </div>
  );
}

function ProgressStage({ job }: { job: Job }) {
  const t = useTranslations("result.stage");
  // The clock ticks here only, so the rest of the page does not re-render every second.
  const now = useNow(1000, true);
  const percent = progressPercent(job.progress);
  const queued = job.status === "pending";
  const elapsed = now === null ? null : formatElapsed(now - jobClockStart(job));

  return (
    <div className="absolute inset-0 flex flex-col items-center justify-center gap-4 p-6 text-center text-white">
      <Aurora />
      <div className="relative flex flex-col items-center gap-3">
        {queued ? (
          <>
            <span className="flex size-14 items-center justify-center rounded-full bg-white/10 ring-1 ring-white/20">
              <Hourglass aria-hidden="true" className="size-7" />
            </span>
            {job.queuePosition ? (
              <p className="flex flex-col items-center">
                <span className="text-large-title font-bold tabular-nums">#{job.queuePosition}</span>
                <span className="text-subheadline text-white/85">{t("inLine")}</span>
              </p>
            ) : (
              <p className="text-headline font-semibold">{t("starting")}</p>
            )}
          </>
        ) : percent !== null ? (
          <p className="text-large-title font-bold tabular-nums" data-testid="progress-percent">
            {percent}%
          </p>
        ) : (
          <LoaderCircle aria-hidden="true" className="size-10 motion-safe:animate-spin" />
        )}

        {!queued && percent !== null ? (
          <div
            role="progressbar"
            aria-label={t("progress")}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            className="h-1.5 w-48 overflow-hidden rounded-full bg-white/20 sm:w-64"
          >
            <div
              className="h-full rounded-full bg-white transition-[width] duration-700 ease-out"
              style={{ width: `${Math.max(3, percent)}%` }}
            />
          </div>
        ) : null}

        <p className="text-subheadline text-white/85 tabular-nums">
          {t("elapsed")}{" "}
          <time data-testid="elapsed" className="font-semibold text-white">
            {elapsed ?? "–:––"}
          </time>
        </p>
      </div>
    </div>
  );
}

function FailedStage({ job }: { job: Job }) {
  const t = useTranslations("result.failed");
  const tErrors = useTranslations("errors");
  const tRoot = useTranslations();
  const code = failureCode(job.errorCode);
  return (
    <div className="absolute inset-0 flex flex-col items-center justify-center gap-3 bg-linear-to-b from-neutral-900 to-neutral-950 p-6 text-center text-white">
      <span className="flex size-14 items-center justify-center rounded-full bg-red-500/15 text-red-300 ring-1 ring-red-400/30">
        <TriangleAlert aria-hidden="true" className="size-7" />
      </span>
      <p className="max-w-sm text-body text-pretty text-white/90" data-testid="failure-reason">
        {code ? tErrors(code) : t("generic")}
      </p>
      {job.refunded ? (
        <p
          className="inline-flex items-center gap-1.5 rounded-full bg-emerald-400/15 px-3 py-1 text-subheadline font-semibold text-emerald-200 ring-1 ring-emerald-300/30"
          data-testid="refunded"
        >
          <CircleCheck aria-hidden="true" className="size-4" />
          {t("refunded", { credits: tRoot("credits.count", { count: job.creditsUsed }) })}
        </p>
      ) : null}
    </div>
  );
}
