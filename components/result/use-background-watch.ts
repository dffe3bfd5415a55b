"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { Job } from "@/lib/contracts/job";
import type { PageToWorkerMessage, WatchJobMessage } from "@/lib/contracts/worker-messages";
import { isFinalStatus } from "@/lib/jobs-polling";

const PROMPT_IN_NOTIFICATION = 60;

/**
 * Hands a job in flight to the service worker while nobody watches it here: when the page is
 * hidden or closed (pagehide), or the person moves to another screen. Back on screen, the page
 * polls again itself and the worker stops.
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
    const watch: WatchJobMessage = {
      type: "watch-job",
      jobId: id,
      notification: {
        completed: { title: t("ready.title"), body: t("ready.body", { prompt: short }) },
        failed: { title: t("failed.title"), body: t("failed.body", { prompt: short }) },
      },
    };
    const unwatch: PageToWorkerMessage = { type: "unwatch-job", jobId: id };
    const onVisibility = () => tellWorker(document.visibilityState === "hidden" ? watch : unwatch);
    const onPageHide = () => tellWorker(watch);

    if (document.visibilityState === "visible") tellWorker(unwatch);
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", onPageHide);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", onPageHide);
      if (!isFinalStatus(latest.current)) tellWorker(watch);
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
