import { AsyncLocalStorage } from "node:async_hooks";

/** What the server knows about the request it is answering: carried into every log line and error report made while answering it. */
export type RequestContext = {
  requestId: string;
  /** The route as declared (`/api/jobs/[id]`), never the path with its values. */
  route: string;
  method: string;
  /** Set once the request's session is known. */
  userId?: string;
  /** The catalogue code of the error the request is answered with, if any. */
  errorCode?: string;
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

/** The request's user, once its session is known: later lines of the request carry it. */
export function setRequestUser(userId: string): void {
  const request = currentRequest();
  if (request) request.userId = userId;
}

/** The error code the request is answered with, for its request line. */
export function setRequestError(code: string): void {
  const request = currentRequest();
  if (request) request.errorCode = code;
}
