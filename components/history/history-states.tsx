"use client";

import { CircleAlert, RefreshCw, SearchX, Video } from "lucide-react";
import { useTranslations } from "next-intl";
import { secondaryButtonClass } from "@/components/ui/button-classes";
import { ButtonLink } from "@/components/ui/button-link";
import { EmptyState } from "@/components/ui/empty-state";
import type { ApiError } from "@/lib/api/errors";

/** The list could not be read: why, and Try again. */
export function LoadFailed({
  messageKey,
  retrying,
  onRetry,
}: {
  messageKey: ApiError["messageKey"];
  retrying: boolean;
  onRetry: () => void;
}) {
  const t = useTranslations();
  return (
    <EmptyState
      role="alert"
      icon={<CircleAlert />}
      title={t("history.error.title")}
      action={
        <button type="button" onClick={onRetry} disabled={retrying} className={secondaryButtonClass}>
          <RefreshCw aria-hidden="true" className={`size-4 ${retrying ? "motion-safe:animate-spin" : ""}`} />
          {t("common.retry")}
        </button>
      }
    >
      {t(messageKey)}
    </EmptyState>
  );
}

/** A search that found nothing, with a way back to the whole list. */
export function NoMatches({ query, onClear }: { query: string; onClear: () => void }) {
  const t = useTranslations("history.noMatches");
  return (
    <EmptyState
      role="status"
      icon={<SearchX />}
      title={t("title")}
      action={
        <button type="button" onClick={onClear} className={secondaryButtonClass}>
          {t("clear")}
        </button>
      }
    >
      {t("body", { query })}
    </EmptyState>
  );
}

/** No videos yet: a way to make one. */
export function NoVideos() {
  const t = useTranslations("history.empty");
  return (
    <EmptyState icon={<Video />} title={t("title")} action={<ButtonLink href="/">{t("cta")}</ButtonLink>}>
      {t("body")}
    </EmptyState>
  );
}
