import { SAVED_COPY_HEADER } from "../contracts/worker-messages";
import { isErrorCode } from "../errors";
import { reportReachable } from "../pwa/reachability";
import { errorAnswer } from "./answers";
import { ApiError, codeForStatus } from "./errors";
import type { Check } from "./shapes";
import { announce, topicsFor } from "./tab-sync";

/**
 * The browser's fetch for our API (docs/architecture.md): 15 s timeout; retries only
 * requests that are safe to repeat (GET, or carrying an Idempotency-Key) on network errors, 408,
 * 429 and 5xx, with exponential backoff and jitter, honouring Retry-After, at most 3 times;
 * every response body checked for its shape (lib/api/answers.ts); failures as ApiError with a catalogue code.
 */

export type RequestOptions = {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  body?: unknown;
  form?: FormData;
  idempotencyKey?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
};

const TIMEOUT_MS = 15_000;
const MAX_RETRIES = 3;
const MAX_WAIT_MS = 30_000;

export const retryPolicy = {
  /** Backoff before retry `attempt` (1-based): full jitter over 0.5 s, 1 s, 2 s... */
  delayMs(attempt: number, random = Math.random): number {
    return Math.round(random() * 500 * 2 ** (attempt - 1));
  },
  isRetryableStatus(status: number): boolean {
    return status === 408 || status === 429 || status >= 500;
  },
};

export type ClientOptions = {
  /** Where the API lives; the page's own origin (relative URLs) by default. */
  baseUrl?: string;
  timeoutMs?: number;
  /** Randomness for the backoff jitter. */
  random?: () => number;
};

export type ApiClient = {
  request<T>(path: string, check: Check<T>, options?: RequestOptions): Promise<T>;
};

export function createApiClient(client: ClientOptions = {}): ApiClient {
  return {
    request: (path, check, options = {}) =>
      request(
        client.baseUrl ? new URL(path, client.baseUrl).toString() : path,
        check,
        {
          timeoutMs: client.timeoutMs,
          ...options,
        },
        client.random ?? Math.random,
      ),
  };
}

const defaultClient = createApiClient();

/** Answers the service worker took from its cache rather than the network (see isSavedCopy). */
const savedCopies = new WeakSet<object>();

/** Whether this parsed answer is the worker's saved copy, so it is worth asking again online. */
export function isSavedCopy(value: unknown): boolean {
  return typeof value === "object" && value !== null && savedCopies.has(value);
}

export function apiRequest<T>(path: string, check: Check<T>, options: RequestOptions = {}) {
  return defaultClient.request(path, check, options);
}

async function request<T>(
  path: string,
  check: Check<T>,
  options: RequestOptions,
  random: () => number,
): Promise<T> {
  const method = options.method ?? "GET";
  const canRetry = method === "GET" || options.idempotencyKey !== undefined;
  for (let attempt = 0; ; attempt++) {
    const outcome = await attemptOnce(path, method, options);
    if (outcome.ok) {
      const parsed = parseBody(check, outcome.body);
      if (outcome.savedCopy && typeof parsed === "object" && parsed !== null) savedCopies.add(parsed);
      announce(topicsFor(method, path));
      return parsed;
    }
    const error = outcome.error;
    const retryable =
      canRetry &&
      attempt < MAX_RETRIES &&
      (error.code === "network_error" ||
        error.code === "timeout" ||
        retryPolicy.isRetryableStatus(error.status));
    const wait =
      error.retryAfterSeconds !== undefined
        ? error.retryAfterSeconds * 1000
        : retryPolicy.delayMs(attempt + 1, random);
    if (!retryable || wait > MAX_WAIT_MS || options.signal?.aborted) throw error;
    await sleep(wait, options.signal);
  }
}

type Outcome = { ok: true; body: unknown; savedCopy: boolean } | { ok: false; error: ApiError };

async function attemptOnce(path: string, method: string, options: RequestOptions): Promise<Outcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort("timeout"), options.timeoutMs ?? TIMEOUT_MS);
  const onAbort = () => controller.abort("cancelled");
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
  try {
    const response = await fetch(path, {
      method,
      headers,
      body: options.form ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
      credentials: "same-origin",
      signal: controller.signal,
    });
    const body = response.status === 204 ? null : await response.json().catch(() => undefined);
    const savedCopy = response.headers.has(SAVED_COPY_HEADER);
    // A copy the worker kept says nothing of the network (it may have been merely slow).
    if (!savedCopy) reportReachable(true);
    if (response.ok) return { ok: true, body, savedCopy };
    return { ok: false, error: errorFrom(response, body) };
  } catch {
    if (options.signal?.aborted) throw new DOMException("The request was cancelled", "AbortError");
    if (!controller.signal.aborted) reportReachable(false);
    return { ok: false, error: new ApiError(controller.signal.aborted ? "timeout" : "network_error") };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
}

function errorFrom(response: Response, body: unknown): ApiError {
  const parsed = errorAnswer(body) ? body.error : undefined;
  const code = parsed && isErrorCode(parsed.code) ? parsed.code : codeForStatus(response.status);
  const retryAfter = Number(response.headers.get("retry-after"));
  return new ApiError(code, {
    status: response.status,
    field: parsed?.field,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  });
}

function parseBody<T>(check: Check<T>, body: unknown): T {
  if (!check(body)) throw new ApiError("internal", { status: 200 });
  return body;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
