import { mutate, unstable_serialize } from "swr";
import { cache } from "swr/_internal";
import type { Job } from "../contracts/job";
import { isJobPagesCacheKey, swrKeys } from "./hooks";

/**
 * What the app-wide listeners (components/pwa) do to the data screens keep in SWR. They load
 * this module with `import()` when something has to change, so swr stays out of the first load
 * of pages whose screens do not use it. (An SWRConfig without `provider` shares this cache.)
 */

/** Asks the server again for everything any screen holds. */
export function revalidateAll(): void {
  for (const key of cache.keys()) void mutate(key);
}

/** Asks the server again for History's loaded pages (any search). */
export function revalidateJobPages(): void {
  for (const key of cache.keys()) if (isJobPagesCacheKey(key)) void mutate(key);
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
