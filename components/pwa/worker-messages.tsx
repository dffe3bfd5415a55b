"use client";

import { useEffect } from "react";
import { jobAnswer } from "@/lib/api/answers";
import { mutateMe } from "@/lib/api/me";
import { parseWorkerMessage } from "@/lib/contracts/worker-messages";
import { isFinalStatus } from "@/lib/jobs-polling";
import { isNewerJob } from "./job-updates";

const swrCache = () => import("@/lib/api/swr-cache");

/**
 * Listens, once for the whole app, to what the service worker says about jobs it watches in the
 * background (lib/sw/job-watch.ts) and puts it into SWR: the result page renders the job
 * without polling, and a finished job refreshes the balance and History.
 */
export function WorkerMessages() {
  useEffect(() => {
    const container = typeof navigator === "undefined" ? undefined : navigator.serviceWorker;
    if (!container) return;

    const onMessage = async (event: MessageEvent) => {
      const message = parseWorkerMessage(event.data);
      if (message?.type === "job-update") {
        const job = message.job;
        if (!jobAnswer(job)) return;
        const swr = await swrCache();
        if (!isNewerJob(swr.cachedJob(job.id), job)) return;
        swr.putJob(job);
        if (isFinalStatus(job.status)) {
          void mutateMe();
          swr.revalidateJobPages();
        }
      } else if (message?.type === "job-hint") {
        void mutateMe();
        const swr = await swrCache();
        swr.revalidateJob(message.jobId);
        swr.revalidateJobPages();
      }
    };

    container.addEventListener("message", onMessage);
    // Messages wait in a queue until the page says it listens.
    container.startMessages();
    return () => container.removeEventListener("message", onMessage);
  }, []);

  return null;
}
