"use client";

import { useCallback, useEffect, useRef } from "react";
import useSWR from "swr";
import type { Job } from "../contracts/job";
import { isFinalStatus, pollDelayMs } from "../jobs-polling";
import { api } from "./endpoints";
import type { ApiError } from "./errors";
import { announce } from "./tab-sync";

/** SWR keys. The account is kept apart (me.ts): after anything that changes credits, `mutateMe()`. */
export const swrKeys = {
  job: (id: string) => ["job", id] as const,
};

/**
 * Watches a job: polls with backoff (1, 2, 4, 8 s, then every 8 s) while it is in flight, stops on a
 * final state and — SWR's default — while the page is hidden (the service worker takes over), with
 * a fresh read when it returns. The polling callback keeps one identity, so a re-render does not
 * restart SWR's timer; with only server-rendered data the first delay is computed from that job.
 */
export function useJob(initial: Job) {
  const polls = useRef(0);
  const fallback = useRef(initial);
  const refreshInterval = useCallback((latest: Job | undefined) => {
    const job = latest ?? fallback.current;
    if (isFinalStatus(job.status)) return 0;
    return pollDelayMs(polls.current++, job.progress !== null);
  }, []);
  const fetcher = useCallback(async () => (await api.job(initial.id)).job, [initial.id]);
  const result = useSWR<Job, ApiError>(swrKeys.job(initial.id), fetcher, {
    fallbackData: initial,
    refreshInterval,
    shouldRetryOnError: (error) => error.code !== "job_not_found" && error.code !== "unauthorized",
  });
  useAnnounceLanding(result.data?.status ?? initial.status, isFinalStatus(initial.status));
  return result;
}

/**
 * A job this tab watched land (finished, or failed and refunded) changed the balance and History
 * that other tabs show: tell them once. A job that had already landed when the page opened did not.
 */
function useAnnounceLanding(status: Job["status"], landedAtOpen: boolean) {
  const watching = useRef(!landedAtOpen);
  useEffect(() => {
    if (!isFinalStatus(status)) watching.current = true;
    else if (watching.current) {
      watching.current = false;
      announce(["me", "jobs"]);
    }
  }, [status]);
}
