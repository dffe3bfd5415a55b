/// <reference lib="webworker" />
import { isErrorsWanted, type WorkerErrorMessage, workerErrorMessage } from "./errors";

/** Errors kept while no reporting page listens; the oldest are dropped past this. */
const MAX_KEPT = 20;

/**
 * The worker's uncaught errors and unhandled rejections go to the open pages that asked for them
 * (a page with error reporting on says "worker-errors-wanted" once it has loaded the reporter);
 * while none has, they are kept, a few, and handed to the first that asks.
 */
export function installErrorForwarding(scope: ServiceWorkerGlobalScope): void {
  const kept: WorkerErrorMessage[] = [];
  const listening = new Set<string>();

  const forward = async (error: unknown) => {
    const message = workerErrorMessage(error);
    const pages = (await scope.clients.matchAll({ type: "window" })).filter((page) => listening.has(page.id));
    if (pages.length === 0) {
      kept.push(message);
      if (kept.length > MAX_KEPT) kept.shift();
      return;
    }
    pages[0]?.postMessage(message);
  };

  scope.addEventListener("error", (event) => void forward(event.error ?? event.message));
  scope.addEventListener("unhandledrejection", (event) => void forward(event.reason));
  scope.addEventListener("message", (event) => {
    if (!isErrorsWanted(event.data) || !(event.source instanceof WindowClient)) return;
    listening.add(event.source.id);
    for (const message of kept.splice(0)) event.source.postMessage(message);
  });
}
