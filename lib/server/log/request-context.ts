import { AsyncLocalStorage } from "node:async_hooks";

/** What the server knows about the request it is answering: carried into every log line and error report made while answering it. */
export type RequestContext = {
  requestId: string;
  /** The route as declared (`/api/jobs/[id]`), never the path with its values. */
  route: string;
  method: string;
  /** Set once the request's session is known. */
  userId?: string;
};

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `work` with `context` as the current request's; work started from it (awaited or not) sees it too. */
export function runInRequest<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The request being answered, if any (background work started outside a request has none). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
