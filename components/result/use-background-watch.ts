"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { Job } from "@/lib/contracts/job";
import type { PageToWorkerMessage, WatchJobMessage } from "@/lib/contracts/worker-messages";
import { isFinalStatus } from "@/lib/jobs-polling";

const PROMPT_IN_NOTIFICATION = 60;

/** A page open on the job tells the worker again this often, so a watch past its time restarts. */
const REMIND_MS = 60_000;

/**
 * Makes the service worker the job's second watcher. As the job shows, the worker records it and
 * stands by while this window is open; when the page is hidden or closed, or the person moves to
 * another screen, the worker polls and announces the end. A page killed without a word (a
 * swiped-away app) is covered too: the worker sees its window gone. Finished on screen, the job
 * is dropped from the worker's list.
 */
export function useBackgroundWatch(job: Job) {
  const t = useTranslations("notify");
  const inFlight = !isFinalStatus(job.status);
  const { id, prompt } = job;
  // Read by the cleanup: a job that just finished on screen is not handed over.
  const latest = useRef(job.status);
  latest.current = job.status;

  useEffect(() => {
    if (!inFlight || typeof navigator === "undefined" || !navigator.serviceWorker) return;
    const short = shorten(prompt, PROMPT_IN_NOTIFICATION);
    const watch = (shownHere: boolean): WatchJobMessage => ({
      type: "watch-job",
      jobId: id,
      shownHere,
      notification: {
        completed: { title: t("ready.title"), body: t("ready.body", { prompt: short }) },
        failed: { title: t("failed.title"), body: t("failed.body", { prompt: short }) },
      },
    });
    const tellVisibility = () => tellWorker(watch(document.visibilityState === "visible"));
    const onPageHide = () => tellWorker(watch(false));

    tellVisibility();
    const reminder = setInterval(tellVisibility, REMIND_MS);
    document.addEventListener("visibilitychange", tellVisibility);
    window.addEventListener("pagehide", onPageHide);
    return () => {
      clearInterval(reminder);
      document.removeEventListener("visibilitychange", tellVisibility);
      window.removeEventListener("pagehide", onPageHide);
      const finished: PageToWorkerMessage = { type: "unwatch-job", jobId: id };
      tellWorker(isFinalStatus(latest.current) ? finished : watch(false));
    };
  }, [inFlight, id, prompt, t]);
}

/** Synchronous when the page is controlled: a closing page gets no second chance. */
function tellWorker(message: PageToWorkerMessage) {
  const controller = navigator.serviceWorker.controller;
  if (controller) controller.postMessage(message);
  else void navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage(message));
}

export function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}
