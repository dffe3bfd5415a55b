"use client";

import { CircleCheck, Hourglass, LoaderCircle, RotateCcw, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { type RefObject, useEffect, useRef, useState } from "react";
import type { Job } from "@/lib/contracts/job";
import {
  aspectRatioValue,
  failureCode,
  formatElapsed,
  jobClockStart,
  mediaBoxWidth,
  stageView,
} from "@/lib/format/job";
import { useKeptLink } from "@/lib/hooks/use-kept-link";
import { useNow } from "@/lib/hooks/use-now";

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
  const [failed, setFailed] = useState<"no" | "retrying" | "yes">("no");
  const [attempt, setAttempt] = useState(0);
  // A refreshed job (on focus, say) carries newly signed links to the same files: keep playing.
  const src = useKeptLink(job.videoUrl, attempt);
  const poster = useKeptLink(job.thumbnailUrl, attempt);
  const refusedBy = useRef<HTMLVideoElement | null>(null);
  const caughtUp = useRef<HTMLVideoElement | null>(null);

  const loaded = (video: HTMLVideoElement) => {
    if (video.videoWidth > 0 && video.videoHeight > 0) onRatio(video.videoWidth / video.videoHeight);
    setFailed("no");
  };
  const refused = (video: HTMLVideoElement) => {
    if (refusedBy.current === video) return;
    refusedBy.current = video;
    if (failed !== "no") {
      setFailed("yes");
      return;
    }
    // Once: fresh links (an expired one is the usual cause), then a new player with them.
    setFailed("retrying");
    void onMediaError()
      .catch(() => undefined)
      .then(() => setAttempt((n) => n + 1));
  };
  // The server's element may have loaded or failed before React listened to it (hydration).
  useEffect(() => {
    const video = videoRef.current;
    if (!video || caughtUp.current === video) return;
    caughtUp.current = video;
    if (video.error) refused(video);
    else if (video.readyState >= HTMLMediaElement.HAVE_METADATA) loaded(video);
  });

  return (
    <>
      {/* biome-ignore lint/a11y/useMediaCaption: generated clips have no spoken track to caption */}
      <video
        ref={videoRef}
        key={attempt}
        src={src ?? undefined}
        poster={poster ?? undefined}
        controls
        playsInline
        preload="metadata"
        aria-label={t("label")}
        data-testid="result-video"
        className="absolute inset-0 size-full bg-black object-contain"
        onLoadedMetadata={(event) => loaded(event.currentTarget)}
        onError={(event) => refused(event.currentTarget)}
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
  const view = stageView(job, now);
  const elapsed = now === null ? null : formatElapsed(now - jobClockStart(job));

  return (
    <div className="absolute inset-0 flex flex-col items-center justify-center gap-4 p-6 text-center text-white">
      <Aurora />
      <div className="relative flex flex-col items-center gap-3">
        {view.kind === "queued" ? (
          <>
            <span className="flex size-14 items-center justify-center rounded-full bg-white/10 ring-1 ring-white/20">
              <Hourglass aria-hidden="true" className="size-7" />
            </span>
            {/* Announced when the place in line changes, not on every tick. */}
            <p className="text-title3 font-bold" aria-live="polite" data-testid="queue-position">
              {view.position
                ? t("queuePosition", { position: view.position })
                : job.provider === "fal"
                  ? t("waitingService")
                  : t("starting")}
            </p>
          </>
        ) : view.kind === "percent" ? (
          <PercentProgress percent={view.percent} label={t("progress")} />
        ) : (
          <>
            <LoaderCircle aria-hidden="true" className="size-10 motion-safe:animate-spin" />
            <IndeterminateBar label={t("progress")} />
          </>
        )}

        {view.kind !== "queued" ? (
          <>
            <p className="text-subheadline text-white/85 tabular-nums">
              {t.rich("elapsedOfTypical", {
                elapsed: elapsed ?? "–:––",
                typical: formatElapsed(view.typicalMs),
                clock: (chunks) => (
                  <time data-testid="elapsed" className="font-semibold text-white">
                    {chunks}
                  </time>
                ),
              })}
            </p>
            {/* Said once when the usual time passes. */}
            <p aria-live="polite" className="min-h-6 text-subheadline font-semibold text-amber-200">
              {view.overdue ? <span data-testid="overdue">{t("overdue")}</span> : null}
            </p>
          </>
        ) : (
          <p className="text-subheadline text-white/85 tabular-nums">
            {t("elapsed")}{" "}
            <time data-testid="elapsed" className="font-semibold text-white">
              {elapsed ?? "–:––"}
            </time>
          </p>
        )}
      </div>
    </div>
  );
}

/** The local renderer's own percentage (a spinner until its first report). */
function PercentProgress({ percent, label }: { percent: number | null; label: string }) {
  if (percent === null)
    return <LoaderCircle aria-hidden="true" className="size-10 motion-safe:animate-spin" />;
  return (
    <>
      <p className="text-large-title font-bold tabular-nums" data-testid="progress-percent">
        {percent}%
      </p>
      <div
        role="progressbar"
        aria-label={label}
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
    </>
  );
}

/**
 * A bar that says "working" without claiming how far: no value (an indeterminate progressbar),
 * a sliding band, or under reduced motion a still dashed track that reads as no amount.
 */
function IndeterminateBar({ label }: { label: string }) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      data-testid="progress-indeterminate"
      className="relative h-1.5 w-48 overflow-hidden rounded-full bg-white/20 motion-reduce:bg-[repeating-linear-gradient(90deg,rgb(255_255_255/0.5)_0_6px,transparent_6px_12px)] sm:w-64"
    >
      <div className="absolute inset-y-0 left-0 w-1/3 rounded-full bg-white motion-safe:animate-indeterminate motion-reduce:hidden" />
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
