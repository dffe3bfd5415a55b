"use client";

import { useEffect } from "react";
import { type Cache, unstable_serialize, useSWRConfig } from "swr";
import { jobAnswer } from "@/lib/api/answers";
import { isJobPagesCacheKey, swrKeys } from "@/lib/api/hooks";
import type { Job } from "@/lib/contracts/job";
import { parseWorkerMessage } from "@/lib/contracts/worker-messages";
import { isFinalStatus } from "@/lib/jobs-polling";
import { isNewerJob } from "./job-updates";

/**
 * Listens, once for the whole app, to what the service worker says about jobs it watches in the
 * background (lib/sw/job-watch.ts) and puts it into SWR: the result page renders the job
 * without polling, and a finished job refreshes the balance and History.
 */
export function WorkerMessages() {
  const { cache, mutate } = useSWRConfig();

  useEffect(() => {
    const container = typeof navigator === "undefined" ? undefined : navigator.serviceWorker;
    if (!container) return;

    const finished = () => {
      void mutate(swrKeys.me);
      for (const key of cache.keys()) if (isJobPagesCacheKey(key)) void mutate(key);
    };

    const onMessage = (event: MessageEvent) => {
      const message = parseWorkerMessage(event.data);
      if (message?.type === "job-update") {
        const job = message.job;
        if (!jobAnswer(job)) return;
        if (!isNewerJob(cachedJob(cache, job.id), job)) return;
        void mutate(swrKeys.job(job.id), job, { revalidate: false });
        if (isFinalStatus(job.status)) finished();
      } else if (message?.type === "job-hint") {
        void mutate(swrKeys.job(message.jobId));
        finished();
      }
    };

    container.addEventListener("message", onMessage);
    // Messages wait in a queue until the page says it listens.
    container.startMessages();
    return () => container.removeEventListener("message", onMessage);
  }, [cache, mutate]);

  return null;
}

function cachedJob(cache: Cache, id: string): Job | undefined {
  return cache.get(unstable_serialize(swrKeys.job(id)))?.data as Job | undefined;
}
