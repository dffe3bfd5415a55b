/// <reference lib="webworker" />

/** Background job watching; filled in by the job-watching work. */
export function installJobWatching(_sw: ServiceWorkerGlobalScope): void {}
