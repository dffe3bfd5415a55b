/// <reference lib="webworker" />

/** Web Push handlers; filled in by the job-watching work. */
export function installPushHandlers(_sw: ServiceWorkerGlobalScope): void {}
