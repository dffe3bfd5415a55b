"use client";

import { History } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { buildCreateHref } from "@/components/create/create-query";
import { Toast, useToast } from "@/components/ui/toast";
import { useJob } from "@/lib/api/hooks";
import { mutateMe } from "@/lib/api/me";
import type { Job } from "@/lib/contracts/job";
import { aboutDurationText, isLongWait, refusedInput, typicalSecondsOf } from "@/lib/format/job";
import { useNow } from "@/lib/hooks/use-now";
import { MediaStage } from "./media-stage";
import { NotifyCard } from "./notify-card";
import { ResultActions } from "./result-actions";
import { ResultDetails } from "./result-details";
import { useBackgroundWatch } from "./use-background-watch";

type Props = {
  initialJob: Job;
  /** The theme the job started from, for Regenerate's link. */
  themeSlug: string | null;
};

/**
 * The result page's live part: watches the job (polling 1, 2, 4, 8 s,
 * paused while the page is hidden, when the service worker takes over), shows honest progress,
 * offers a notification when it is ready, then the player and actions.
 */
export function ResultView({ initialJob, themeSlug }: Props) {
  const t = useTranslations("result");
  const tRoot = useTranslations();
  const { data, mutate: refreshJob } = useJob(initialJob);
  const job = data ?? initialJob;
  const videoRef = useRef<HTMLVideoElement>(null);
  const { toast, show } = useToast();
  useBackgroundWatch(job);

  // A job that ends changes the balance (a refund) or the history: refresh the badge.
  const lastStatus = useRef(job.status);
  useEffect(() => {
    if (lastStatus.current === job.status) return;
    lastStatus.current = job.status;
    if (job.status === "completed" || job.status === "failed") void mutateMe();
  }, [job.status]);

  const regenerateHref = buildCreateHref(job.model.slug, {
    prompt: job.prompt,
    settings: job.settings,
    themeSlug,
  });

  const finishing = job.status === "processing" && (job.progress ?? 0) >= 0.92;
  const title = {
    pending: t("status.queuedTitle"),
    processing: finishing ? t("status.finishingTitle") : t("status.processingTitle"),
    completed: t("status.completedTitle"),
    failed: t("status.failedTitle"),
  }[job.status];
  const fal = job.provider === "fal";
  const usualTime = aboutDurationText(typicalSecondsOf(job), (unit, values) =>
    tRoot(`common.duration.${unit}`, values),
  );
  const subtitle =
    job.status === "pending"
      ? job.queuePosition
        ? t("status.queuedPosition", { position: job.queuePosition })
        : fal
          ? t("status.queuedService")
          : t("status.queuedWaiting")
      : job.status === "processing"
        ? fal
          ? t("status.processingTypical", { time: usualTime })
          : t("status.processingPreview", { time: usualTime })
        : job.status === "completed"
          ? t("status.completedHint")
          : refusedInput(job.errorCode)
            ? t("failed.nextStepChange")
            : t("failed.nextStep");

  return (
    <div className="flex flex-col gap-6 lg:grid lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start lg:gap-8">
      <div className="flex min-w-0 flex-col gap-5">
        <header className="flex flex-col gap-1" data-status={job.status}>
          <h1 className="text-title2 font-bold tracking-tight text-balance" data-testid="result-title">
            {title}
          </h1>
          <p className="text-subheadline text-pretty text-text-secondary">{subtitle}</p>
        </header>
        {/* Status changes are announced once each; the ticking clock is not. */}
        <p className="sr-only" aria-live="polite">
          {title}
        </p>

        <NotifyCard inFlight={job.status === "pending" || job.status === "processing"} />

        <MediaStage job={job} videoRef={videoRef} onMediaError={() => refreshJob()} />

        <LongWaitNote job={job} />

        <ResultActions job={job} regenerateHref={regenerateHref} videoRef={videoRef} onToast={show} />

        {job.provider === "local" && job.status === "completed" ? (
          <p className="text-center text-caption text-text-secondary">
            {t("player.preview", { model: job.model.name })}
          </p>
        ) : null}
      </div>

      <aside className="lg:sticky lg:top-[calc(4rem+env(safe-area-inset-top,0px)+1.5rem)]">
        <ResultDetails job={job} videoRef={videoRef} />
      </aside>
      <Toast toast={toast} />
    </div>
  );
}

/** After ~20 minutes in flight: it keeps going and will show up in History. */
function LongWaitNote({ job }: { job: Job }) {
  const t = useTranslations("result.status");
  const now = useNow(15_000, job.status === "pending" || job.status === "processing");
  if (now === null || !isLongWait(job, now)) return null;
  return (
    <div className="flex flex-col gap-2 rounded-card bg-warning/10 p-4 text-subheadline ring-1 ring-warning/40 ring-inset sm:flex-row sm:items-center">
      <p className="flex-1 text-text-primary">{t("longWait")}</p>
      <Link
        href="/history"
        className="inline-flex min-h-11 items-center gap-2 self-start rounded-full px-3 font-semibold underline-offset-2 hover:underline sm:self-auto"
      >
        <History aria-hidden="true" className="size-4" />
        {t("openHistory")}
      </Link>
    </div>
  );
}
