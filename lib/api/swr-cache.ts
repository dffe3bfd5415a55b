import { mutate, unstable_serialize } from "swr";
import { cache } from "swr/_internal";
import type { Job } from "../contracts/job";
import { swrKeys } from "./hooks";
import { refreshJobPages } from "./job-pages-refresh";

/**
 * What the app-wide listeners (components/pwa) do to the data screens keep in SWR. They load
 * this module with `import()` when something has to change, so swr stays out of the first load
 * of pages whose screens do not use it. (An SWRConfig without `provider` shares this cache.)
 */

/** Asks the server again for everything any screen holds (History's pages too). */
export function revalidateAll(): void {
  for (const key of cache.keys()) void mutate(key);
  refreshJobPages();
}

/** Asks the server again for History's loaded pages, which it keeps outside SWR. */
export function revalidateJobPages(): void {
  refreshJobPages();
}

export function revalidateJob(id: string): void {
  void mutate(swrKeys.job(id));
}

export function cachedJob(id: string): Job | undefined {
  return cache.get(unstable_serialize(swrKeys.job(id)))?.data as Job | undefined;
}

/** Shows a job without asking the server (the worker just said what it is). */
export function putJob(job: Job): void {
  void mutate(swrKeys.job(job.id), job, { revalidate: false });
}
