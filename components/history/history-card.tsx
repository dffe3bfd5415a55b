"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { IntentLink } from "@/components/ui/intent-link";
import { toneText } from "@/components/ui/tones";
import type { Job } from "@/lib/contracts/job";
import { failureCode, progressPercent } from "@/lib/format/job";
import type { CardIcons } from "./card-icons";
import { daysUntilExpiry } from "./history-format";

export type CardActions = {
  regenerateHref: string;
  onShare: (job: Job) => void;
  onUnshare: (job: Job) => void;
  onCopyPrompt: (job: Job) => void;
  onDelete: (job: Job) => void;
};

/** HistoryCard: thumbnail, prompt, model and cost, status, expiry, actions. */
export function HistoryCard({
  job,
  now,
  actions,
  icons,
}: {
  job: Job;
  now: number | null;
  actions: CardActions;
  icons: CardIcons;
}) {
  const t = useTranslations("history");
  const href = `/jobs/${job.id}`;
  return (
    <article
      className="flex flex-col gap-3 rounded-card bg-surface-card p-3 shadow-card ring-1 ring-border-default ring-inset sm:p-4"
      data-testid="history-card"
      data-status={job.status}
    >
      <div className="flex gap-3 sm:gap-4">
        <IntentLink
          href={href}
          tabIndex={-1}
          aria-hidden="true"
          className="relative w-28 shrink-0 self-start overflow-hidden rounded-input bg-surface-base ring-1 ring-border-default sm:w-40"
        >
          <CardThumbnail job={job} placeholder={icons.noThumbnail} />
        </IntentLink>
        <div className="flex min-w-0 flex-1 flex-col gap-1.5">
          <h3 className="line-clamp-2 text-subheadline leading-snug font-semibold text-pretty break-words sm:text-headline sm:leading-snug">
            <IntentLink href={href} className="rounded-chip outline-offset-2 hover:underline">
              {job.prompt}
            </IntentLink>
          </h3>
          <p className="truncate text-caption text-text-secondary">
            {job.model.name} • {t("card.credits", { count: job.creditsUsed })}
          </p>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <StatusBadge status={job.status} icon={icons[job.status]} />
            {now !== null && job.status !== "pending" && job.status !== "processing" ? (
              <span className="text-caption text-text-secondary" data-testid="expires">
                {t("card.expires", { days: daysUntilExpiry(job.expiresAt, now) })}
              </span>
            ) : null}
          </div>
          {job.status === "failed" ? <FailureReason job={job} /> : null}
        </div>
      </div>
      <CardFooter job={job} actions={actions} icons={icons} />
    </article>
  );
}

/** Why a failed job failed, in one or two lines (the same text as its result page). */
function FailureReason({ job }: { job: Job }) {
  const t = useTranslations();
  const code = failureCode(job.errorCode);
  return (
    <p className="line-clamp-2 text-caption text-pretty text-text-secondary" data-testid="failure-reason">
      {code ? t(`errors.${code}`) : t("result.failed.generic")}
    </p>
  );
}

function CardThumbnail({ job, placeholder }: { job: Job; placeholder: ReactNode }) {
  if (job.thumbnailUrl) {
    return (
      // biome-ignore lint/performance/noImgElement: a short-lived signed media link; the image route would only proxy it.
      <img
        src={job.thumbnailUrl}
        // CORS mode, so the service worker can keep a thumbnail from Supabase Storage for offline.
        crossOrigin="anonymous"
        alt=""
        width={160}
        height={90}
        loading="lazy"
        decoding="async"
        className="aspect-video w-full object-cover"
      />
    );
  }
  return (
    <span className="flex aspect-video w-full items-center justify-center text-text-secondary">
      {placeholder}
    </span>
  );
}

const badgeTone = {
  completed: "success",
  processing: "warning",
  pending: "warning",
  failed: "error",
} as const;

const badgeFill = {
  success: "bg-success/10 ring-success/30",
  warning: "bg-warning/10 ring-warning/40",
  error: "bg-error/10 ring-error/30",
} as const;

function StatusBadge({ status, icon }: { status: Job["status"]; icon: ReactNode }) {
  const t = useTranslations("history.status");
  const tone = badgeTone[status];
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-chip px-1.5 py-0.5 text-caption font-semibold ring-1 ring-inset ${badgeFill[tone]} ${toneText[tone]}`}
      data-testid="status-badge"
    >
      {icon}
      {t(status)}
    </span>
  );
}

function CardFooter({ job, actions, icons }: { job: Job; actions: CardActions; icons: CardIcons }) {
  const t = useTranslations("history");
  if (job.status === "pending" || job.status === "processing") {
    const percent = progressPercent(job.progress);
    return (
      <div className="flex flex-col gap-1.5">
        <div
          role="progressbar"
          aria-label={t("card.progress")}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent ?? undefined}
          className={`relative h-1.5 overflow-hidden rounded-full bg-text-secondary/15 ${percent === null ? "motion-reduce:bg-[repeating-linear-gradient(90deg,var(--brand-primary)_0_6px,transparent_6px_12px)]" : ""}`}
        >
          {/* Without a percentage (fal): a sliding band, or a still dashed track, never an amount. */}
          {percent === null ? (
            <div className="absolute inset-y-0 left-0 w-1/3 rounded-full bg-brand-primary motion-safe:animate-indeterminate motion-reduce:hidden" />
          ) : (
            <div
              className="h-full rounded-full bg-brand-primary transition-[width] duration-500"
              style={{ width: `${Math.max(4, percent)}%` }}
            />
          )}
        </div>
        <p className="text-caption text-text-secondary">{t("card.inFlight")}</p>
      </div>
    );
  }
  if (job.status === "failed") {
    return (
      <div className="flex flex-wrap items-center gap-2">
        {job.refunded ? (
          <span className={`mr-auto text-caption font-semibold ${toneText.success}`}>
            {t("card.refunded")}
          </span>
        ) : null}
        <ActionLink
          href={actions.regenerateHref}
          icon={icons.retry}
          label={t("actions.retry")}
          showLabel="always"
        />
        <ActionButton
          onClick={() => actions.onDelete(job)}
          icon={icons.delete}
          label={t("actions.delete")}
          danger
          showLabel="always"
        />
      </div>
    );
  }
  // Phones: two rows of three, each action its icon over its name. From sm: one row, the less
  // used actions as icons with a tooltip.
  return (
    <div className="grid grid-cols-3 gap-1.5 sm:flex sm:flex-wrap sm:items-center sm:gap-2">
      <ActionLink
        href={`/jobs/${job.id}`}
        icon={icons.play}
        label={t("actions.play")}
        primary
        className={stackedOnPhone}
      />
      {job.downloadUrl || job.videoUrl ? (
        <a
          href={job.downloadUrl ?? job.videoUrl ?? undefined}
          download
          aria-label={t("actions.download")}
          title={t("actions.download")}
          className={`${actionClass(false)} ${stackedOnPhone}`}
        >
          {icons.download}
          <Label shown="always">{t("actions.download")}</Label>
        </a>
      ) : null}
      <ActionButton
        onClick={() => actions.onShare(job)}
        icon={icons.share}
        label={t("actions.share")}
        className={stackedOnPhone}
      />
      {job.sharePath ? <StopSharing job={job} onUnshare={actions.onUnshare} icon={icons.unshare} /> : null}
      <ActionLink
        href={actions.regenerateHref}
        icon={icons.regenerate}
        label={t("actions.regenerate")}
        className={stackedOnPhone}
      />
      <ActionButton
        onClick={() => actions.onCopyPrompt(job)}
        icon={icons.copy}
        label={t("actions.copyPrompt")}
        showLabel="phone"
        className={stackedOnPhone}
      />
      <ActionButton
        onClick={() => actions.onDelete(job)}
        icon={icons.delete}
        label={t("actions.delete")}
        danger
        showLabel="phone"
        className={`${stackedOnPhone} sm:ml-auto`}
      />
    </div>
  );
}

/** Phones stack the icon over the name, so three actions share a row in every language. */
const stackedOnPhone =
  "max-sm:min-h-14 max-sm:flex-col max-sm:gap-1 max-sm:px-1 max-sm:py-1.5 max-sm:text-center max-sm:text-caption max-sm:leading-tight";

/** Whether an action's name shows next to its icon: always, or on phones only (from sm: icon + tooltip). */
type LabelShown = "always" | "phone";

/** Shown while the video has a public page: takes the page down. */
function StopSharing({ job, onUnshare, icon }: { job: Job; onUnshare: (job: Job) => void; icon: ReactNode }) {
  const t = useTranslations("share");
  return (
    <ActionButton
      onClick={() => onUnshare(job)}
      icon={icon}
      label={t("stop")}
      showLabel="always"
      className={stackedOnPhone}
    />
  );
}

function Label({ shown, children }: { shown: LabelShown; children: string }) {
  return <span className={shown === "phone" ? "sm:hidden" : ""}>{children}</span>;
}

function actionClass(primary: boolean, danger = false): string {
  const base =
    "inline-flex min-h-10 min-w-10 items-center justify-center gap-1.5 rounded-card px-2.5 text-subheadline font-semibold transition-colors sm:px-3 [&>svg]:size-4";
  if (primary) return `${base} bg-brand-primary text-on-brand hover:opacity-95`;
  if (danger) return `${base} ${toneText.error} ring-1 ring-border-default ring-inset hover:bg-error/10`;
  return `${base} text-text-primary ring-1 ring-border-default ring-inset hover:bg-text-secondary/10`;
}

function ActionLink({
  href,
  icon,
  label,
  primary = false,
  showLabel = "always",
  className = "",
}: {
  href: string;
  icon: ReactNode;
  label: string;
  primary?: boolean;
  showLabel?: LabelShown;
  className?: string;
}) {
  return (
    <IntentLink
      href={href}
      aria-label={label}
      title={label}
      className={`${actionClass(primary)} ${className}`}
    >
      {icon}
      <Label shown={showLabel}>{label}</Label>
    </IntentLink>
  );
}

function ActionButton({
  onClick,
  icon,
  label,
  danger = false,
  showLabel = "always",
  className = "",
}: {
  onClick: () => void;
  icon: ReactNode;
  label: string;
  danger?: boolean;
  showLabel?: LabelShown;
  className?: string;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={label}
      title={label}
      className={`${actionClass(false, danger)} ${className}`}
    >
      {icon}
      <Label shown={showLabel}>{label}</Label>
    </button>
  );
}
