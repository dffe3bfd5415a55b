"use client";

import { RefreshCw } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { buildCreateHref } from "@/components/create/create-query";
import { useSharePage } from "@/components/result/use-share-page";
import { secondaryButtonClass } from "@/components/ui/button-classes";
import { useOpenedOnce } from "@/components/ui/opened-once";
import { SearchField } from "@/components/ui/search-field";
import { Toast, useToast } from "@/components/ui/toast";
import { historyApi } from "@/lib/api/endpoints";
import { ApiError } from "@/lib/api/errors";
import { useJobPages } from "@/lib/api/job-pages";
import { mutateMe } from "@/lib/api/me";
import type { JobPage } from "@/lib/contracts/api";
import type { Job } from "@/lib/contracts/job";
import { useNow } from "@/lib/hooks/use-now";
import { copyText } from "@/lib/share";
import type { CardIcons } from "./card-icons";
import { type CardActions, HistoryCard } from "./history-card";
import {
  groupByMonth,
  isInFlight,
  livePollDelayMs,
  type MonthLabels,
  SEARCH_DEBOUNCE_MS,
  searchQuery,
} from "./history-format";
import { HistorySkeleton } from "./history-skeleton";

// Loaded when a delete is first asked for, not with the page.
const ConfirmDialog = lazy(() =>
  import("@/components/ui/dialog").then((m) => ({ default: m.ConfirmDialog })),
);
// The list's empty and failed states, loaded when one is shown (the server renders them too).
const LoadFailed = lazy(() => import("./history-states").then((m) => ({ default: m.LoadFailed })));
const NoMatches = lazy(() => import("./history-states").then((m) => ({ default: m.NoMatches })));
const NoVideos = lazy(() => import("./history-states").then((m) => ({ default: m.NoVideos })));

/**
 * History's live part: server-side search, 20 jobs a page with infinite
 * scroll (and a Load more button), month groups, live refresh while jobs are in flight, and the
 * per-card actions with a confirmed delete.
 */
export function HistoryScreen({
  themeSlugs,
  firstPage,
  months,
  renderedAt,
  icons,
}: {
  themeSlugs: Record<string, string>;
  /** The first page as the server read it (null when it could not: the browser asks). */
  firstPage: JobPage | null;
  /** The first page's month headings, written by the server (monthLabels). */
  months: MonthLabels;
  /** The server's clock when it rendered: the expiry lines are in the page as sent, no shift. */
  renderedAt: number;
  /** The cards' icons, rendered by the server (card-icons.tsx). */
  icons: CardIcons;
}) {
  const t = useTranslations("history");
  const tAll = useTranslations();
  const locale = useLocale();
  const [text, setText] = useState("");
  const query = useDebounced(searchQuery(text), SEARCH_DEBOUNCE_MS);
  const pages = useJobPages(query, firstPage ?? undefined);
  const { toast, show } = useToast();
  const [toDelete, setToDelete] = useState<Job | null>(null);
  const [deleting, setDeleting] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);
  const confirmShown = useOpenedOnce(toDelete !== null);

  const jobs = pages.data?.flatMap((page) => page.jobs) ?? [];
  const now = useNow(60_000, true) ?? renderedAt;
  useLiveRefresh(jobs, pages.mutate);
  const sharing = useSharePage({
    onToast: show,
    onChange: (changed, sharePath) => setSharePath(pages, changed.id, sharePath),
  });

  const signedOut = pages.error?.code === "unauthorized";
  const loaded = pages.data !== undefined || signedOut;
  const searching = query !== "";

  const actionsFor = (job: Job): CardActions => ({
    regenerateHref: buildCreateHref(job.model.slug, {
      prompt: job.prompt,
      settings: job.settings,
      themeSlug: job.themeId ? themeSlugs[job.themeId] : null,
    }),
    onShare: (shared) => sharing.share(shared),
    onUnshare: (shared) => sharing.stop(shared),
    onCopyPrompt: (copied) => {
      void copyText(copied.prompt).then((outcome) =>
        show(
          outcome === "copied"
            ? { tone: "success", title: t("toast.copied") }
            : { tone: "error", title: t("toast.copyFailed") },
        ),
      );
    },
    onDelete: setToDelete,
  });

  const confirmDelete = async () => {
    if (!toDelete) return;
    const { id } = toDelete;
    setDeleting(true);
    try {
      await historyApi.deleteJob(id);
      removeJob(pages, id);
      show({ tone: "success", title: t("toast.deleted") });
    } catch (error) {
      if (error instanceof ApiError && error.code === "job_not_found") removeJob(pages, id);
      else
        show({
          tone: "error",
          title: t("toast.deleteFailed"),
          detail: error instanceof ApiError ? tAll(error.messageKey) : undefined,
        });
    } finally {
      setDeleting(false);
      setToDelete(null);
      // The card and its Delete button are gone: put focus on the list instead of the page top.
      requestAnimationFrame(() => listRef.current?.focus());
    }
  };

  const showSearch = !signedOut && (searching || text !== "" || jobs.length > 0 || !loaded);

  return (
    <div className="flex flex-col gap-5">
      {showSearch ? (
        <SearchField
          value={text}
          onChange={setText}
          labels={{
            label: t("search.label"),
            placeholder: t("search.placeholder"),
            clear: t("search.clear"),
          }}
          maxLength={200}
        />
      ) : null}

      {!loaded && pages.error ? (
        <Suspense>
          <LoadFailed
            messageKey={pages.error.messageKey}
            retrying={pages.isValidating}
            onRetry={() => void pages.mutate()}
          />
        </Suspense>
      ) : !loaded ? (
        <HistorySkeleton label={tAll("common.loading")} />
      ) : jobs.length === 0 && searching ? (
        <Suspense>
          <NoMatches query={query} onClear={() => setText("")} />
        </Suspense>
      ) : jobs.length === 0 ? (
        <Suspense>
          <NoVideos />
        </Suspense>
      ) : (
        <div ref={listRef} tabIndex={-1} className="flex flex-col gap-6 outline-none">
          {groupByMonth(jobs, locale, undefined, months).map((group) => (
            <section key={group.key} aria-labelledby={`month-${group.key}`} className="flex flex-col gap-3">
              <h2
                id={`month-${group.key}`}
                className="text-subheadline font-semibold text-text-secondary"
                data-testid="month-header"
              >
                {group.label}
              </h2>
              <ul className="flex flex-col gap-3">
                {group.jobs.map((job) => (
                  <li key={job.id}>
                    <HistoryCard job={job} now={now} actions={actionsFor(job)} icons={icons} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
          <MorePages pages={pages} />
        </div>
      )}

      {confirmShown ? (
        <Suspense>
          <ConfirmDialog
            open={toDelete !== null}
            title={t("confirm.title")}
            body={t("confirm.body")}
            confirmLabel={deleting ? t("confirm.deleting") : t("confirm.confirm")}
            cancelLabel={tAll("common.cancel")}
            busy={deleting}
            onConfirm={() => void confirmDelete()}
            onCancel={() => setToDelete(null)}
          />
        </Suspense>
      ) : null}
      <Toast toast={toast} />
    </div>
  );
}

type Pages = ReturnType<typeof useJobPages>;

/** The next page loads when its sentinel nears the viewport; the button does the same by hand. */
function MorePages({ pages }: { pages: Pages }) {
  const t = useTranslations("history.more");
  const tAll = useTranslations();
  const sentinel = useRef<HTMLDivElement>(null);
  const last = pages.data?.at(-1);
  const hasMore = !!last?.nextCursor;
  const loadingMore = pages.isValidating && pages.size > (pages.data?.length ?? 0);
  const { size, setSize, error } = pages;
  const canLoad = hasMore && !loadingMore && !error;

  useEffect(() => {
    const element = sentinel.current;
    if (!element || !canLoad || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (entry?.isIntersecting) void setSize(size + 1);
      },
      { rootMargin: "600px 0px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [canLoad, setSize, size]);

  if (!hasMore) {
    return pages.data && pages.data.length > 1 ? (
      <p className="text-center text-caption text-text-secondary">{t("end")}</p>
    ) : null;
  }
  return (
    <div ref={sentinel} className="flex flex-col items-center gap-2">
      {error ? (
        <p role="alert" className="text-caption text-text-secondary">
          {tAll(error.messageKey)}
        </p>
      ) : null}
      <button
        type="button"
        onClick={() => void (error ? pages.mutate() : setSize(size + 1))}
        disabled={loadingMore}
        className={secondaryButtonClass}
      >
        {loadingMore ? <RefreshCw aria-hidden="true" className="size-4 motion-safe:animate-spin" /> : null}
        {loadingMore ? t("loading") : error ? tAll("common.retry") : t("load")}
      </button>
    </div>
  );
}

/** Marks a job shared or not in the loaded pages without refetching them. */
function setSharePath(pages: Pages, id: string, sharePath: string | null) {
  pages.update((loaded) =>
    loaded.map((page) => ({
      ...page,
      jobs: page.jobs.map((job) => (job.id === id ? { ...job, sharePath } : job)),
    })),
  );
}

/** Drops a deleted job from the loaded pages without refetching them. */
function removeJob(pages: Pages, id: string) {
  pages.update((loaded) =>
    loaded.map((page) => ({ ...page, jobs: page.jobs.filter((job) => job.id !== id) })),
  );
}

/**
 * While any loaded job is in flight, refetch the loaded pages with backoff (2, 4, 8, 16 s, then
 * every 16 s; not while the page is hidden). When a job lands, the balance may have changed (a
 * refund): refresh it too.
 */
function useLiveRefresh(jobs: Job[], refresh: Pages["mutate"]) {
  const inFlight = jobs
    .filter(isInFlight)
    .map((job) => job.id)
    .join(",");
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  const previous = useRef(inFlight);

  useEffect(() => {
    const landed = previous.current.split(",").some((id) => id !== "" && !inFlight.includes(id));
    previous.current = inFlight;
    if (landed) void mutateMe();
    if (!inFlight) return;
    let polls = 0;
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(async () => {
        if (document.visibilityState === "visible") await refreshRef.current().catch(() => undefined);
        schedule();
      }, livePollDelayMs(polls++));
    };
    schedule();
    return () => clearTimeout(timer);
  }, [inFlight]);
}

/** `value`, once it has stayed the same for `ms`; clearing it passes at once. */
function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (value === "") {
      setSettled("");
      return;
    }
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
