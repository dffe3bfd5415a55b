/**
 * The service worker's own failures, handed to an open page that reports them (the worker loads
 * no error-reporting SDK: it would weigh on every update, and it does not know the DSN, a run-time
 * setting). Plain checks, no zod: both the worker and the page import this file.
 */

/** Worker → pages: an error the worker met. Messages and stacks only; never a request or a body. */
export type WorkerErrorMessage = { type: "worker-error"; name: string; message: string; stack?: string };

/** Page → worker: a page that reports errors is listening; send what was kept. */
export type WorkerErrorsWanted = { type: "worker-errors-wanted" };

const MAX_TEXT = 4000;

/** The message for `error` (an Error, a rejection reason of any kind). */
export function workerErrorMessage(error: unknown): WorkerErrorMessage {
  const failure = error instanceof Error ? error : new Error(String(error));
  return {
    type: "worker-error",
    name: failure.name.slice(0, 200),
    message: failure.message.slice(0, MAX_TEXT),
    stack: failure.stack?.slice(0, MAX_TEXT),
  };
}

/** `data` if it is a worker error message. */
export function parseWorkerError(data: unknown): WorkerErrorMessage | null {
  if (typeof data !== "object" || data === null) return null;
  const fields = data as Record<string, unknown>;
  if (fields.type !== "worker-error") return null;
  if (typeof fields.name !== "string" || typeof fields.message !== "string") return null;
  if (fields.stack !== undefined && typeof fields.stack !== "string") return null;
  return {
    type: "worker-error",
    name: fields.name.slice(0, 200),
    message: fields.message.slice(0, MAX_TEXT),
    stack: fields.stack?.slice(0, MAX_TEXT),
  };
}

export function isErrorsWanted(data: unknown): data is WorkerErrorsWanted {
  return (
    typeof data === "object" && data !== null && (data as { type?: unknown }).type === "worker-errors-wanted"
  );
}
