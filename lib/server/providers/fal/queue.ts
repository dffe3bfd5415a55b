import "server-only";
import { z } from "zod";

/**
 * fal's queue API over plain fetch: submit a job, read its status, fetch its result, cancel it.
 * Not @fal-ai/client: that client retries a submit on 429/5xx and socket errors, and a retried
 * POST that fal had already accepted is a second paid job. Here a submit is sent exactly once.
 *
 * Status, result and cancel take the URLs fal returned at submit and never build their own: those
 * URLs name only owner/app, not the endpoint's sub-path.
 */

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Why a call to fal gave no usable answer. `refused`: fal answered 4xx; `unavailable`: 5xx;
 * `timeout`: no answer in time; `network`: no connection; `malformed`: 2xx that does not parse.
 */
export type FalErrorKind = "refused" | "unavailable" | "timeout" | "network" | "malformed";

export class FalRequestError extends Error {
  override readonly name = "FalRequestError";
  constructor(
    readonly kind: FalErrorKind,
    message: string,
    /** The HTTP status, when fal answered. */
    readonly status?: number,
    /** fal's `detail` (an array of `{loc, msg, type}` or a string), when the answer had one. */
    readonly detail?: unknown,
  ) {
    super(message);
  }
}

export type FalSubmission = {
  requestId: string;
  statusUrl: string;
  responseUrl: string;
  cancelUrl: string;
  queuePosition: number | null;
};

export type FalStatus =
  | { state: "IN_QUEUE"; position: number | null }
  | { state: "IN_PROGRESS" }
  | { state: "COMPLETED" };

export type FalVideo = { videoUrl: string; contentType: string | null; fileSize: number | null };

export type FalResult =
  | ({ ok: true } & FalVideo)
  | {
      ok: false;
      status: number;
      /** fal's `detail` when the body had one, else the whole body (null when not JSON). */
      detail: unknown;
      /** Whether the same request might succeed again (X-Fal-Retryable, else 429/5xx). */
      retryable: boolean;
      /** X-Fal-Error-Type (`request_timeout`, `runner_disconnected`, …) or the body's error_type. */
      errorType: string | null;
    };

export type FalQueue = {
  /**
   * Sends the job once (`timeoutMs` overrides the submit timeout for this call). Throws
   * FalRequestError; on `timeout`/`network` fal may still have accepted it.
   */
  submit(
    endpointId: string,
    input: Record<string, unknown>,
    webhookUrl: string,
    options?: { timeoutMs?: number },
  ): Promise<FalSubmission>;
  /** Throws FalRequestError. A failed run is COMPLETED too: its failure shows in `result`. */
  status(statusUrl: string): Promise<FalStatus>;
  /** A model's refusal or an infrastructure error is `ok: false`; throws FalRequestError when fal gave no answer. */
  result(responseUrl: string): Promise<FalResult>;
  /** fal's answer: `CANCELLATION_REQUESTED`, `ALREADY_COMPLETED`, `NOT_FOUND`, … Throws FalRequestError. */
  cancel(cancelUrl: string): Promise<string>;
};

export type FalQueueOptions = {
  key: string;
  /** https://queue.fal.run in production (config FAL_QUEUE_URL); the stand-in's url in tests. */
  queueUrl: string;
  /** Per call, including reading the body. */
  timeoutMs?: number;
  /** For submit only; defaults to timeoutMs. */
  submitTimeoutMs?: number;
};

const submissionSchema = z.object({
  request_id: z.string().min(1),
  status_url: z.url(),
  response_url: z.url(),
  cancel_url: z.url(),
  queue_position: z.number().int().nullish(),
});

const statusSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("IN_QUEUE"), queue_position: z.number().int().nullish() }),
  z.object({ status: z.literal("IN_PROGRESS") }),
  z.object({ status: z.literal("COMPLETED") }),
]);

const videoOutputSchema = z.object({
  video: z.object({
    url: z.url(),
    content_type: z.string().nullish(),
    file_size: z.number().int().nonnegative().nullish(),
  }),
});

const cancelSchema = z.object({ status: z.string().min(1) });

/** The video of a model's output (a result body or a webhook's `payload`), or null when it has none. */
export function falVideoOutput(output: unknown): FalVideo | null {
  const parsed = videoOutputSchema.safeParse(output);
  if (!parsed.success) return null;
  const { url, content_type, file_size } = parsed.data.video;
  return { videoUrl: url, contentType: content_type ?? null, fileSize: file_size ?? null };
}

export function createFalQueue(options: FalQueueOptions): FalQueue {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const submitTimeoutMs = options.submitTimeoutMs ?? timeoutMs;
  const queueUrl = options.queueUrl.replace(/\/+$/, "");
  const auth = { Authorization: `Key ${options.key}` };

  return {
    async submit(endpointId, input, webhookUrl, callOptions) {
      const url = `${queueUrl}/${endpointId}?fal_webhook=${encodeURIComponent(webhookUrl)}`;
      const answer = await call(url, callOptions?.timeoutMs ?? submitTimeoutMs, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json" },
        body: JSON.stringify(input),
        // A redirected POST would be sent a second time.
        redirect: "error",
      });
      expectOk(answer, "submit");
      const body = parseOrThrow(submissionSchema, answer, "submit");
      return {
        requestId: body.request_id,
        statusUrl: body.status_url,
        responseUrl: body.response_url,
        cancelUrl: body.cancel_url,
        queuePosition: body.queue_position ?? null,
      };
    },

    async status(statusUrl) {
      const url = new URL(statusUrl);
      url.searchParams.set("logs", "0");
      const answer = await call(url.href, timeoutMs, { headers: auth });
      expectOk(answer, "status");
      const body = parseOrThrow(statusSchema, answer, "status");
      if (body.status === "IN_QUEUE") return { state: "IN_QUEUE", position: body.queue_position ?? null };
      return { state: body.status };
    },

    async result(responseUrl) {
      const answer = await call(responseUrl, timeoutMs, { headers: auth });
      if (answer.ok) {
        if (answer.json === undefined) {
          throw new FalRequestError(
            "malformed",
            `fal result: HTTP ${answer.status} is not JSON`,
            answer.status,
          );
        }
        const video = falVideoOutput(answer.json);
        if (video) return { ok: true, ...video };
        return { ok: false, status: answer.status, detail: answer.json, retryable: false, errorType: null };
      }
      return {
        ok: false,
        status: answer.status,
        detail: detailOf(answer.json) ?? answer.json ?? null,
        retryable: retryable(answer),
        errorType: errorTypeOf(answer),
      };
    },

    async cancel(cancelUrl) {
      const answer = await call(cancelUrl, timeoutMs, { method: "PUT", headers: auth });
      // fal answers 202 CANCELLATION_REQUESTED, 400 ALREADY_COMPLETED, 404 NOT_FOUND: all carry a status.
      const parsed = cancelSchema.safeParse(answer.json);
      if (parsed.success) return parsed.data.status;
      expectOk(answer, "cancel");
      throw new FalRequestError(
        "malformed",
        `fal cancel: HTTP ${answer.status} has no status`,
        answer.status,
      );
    },
  };
}

type Answer = { status: number; ok: boolean; headers: Headers; json: unknown };

/** One HTTP exchange under a timeout; the body is read as JSON when it is JSON (else `json` is undefined). */
async function call(url: string, timeoutMs: number, init: RequestInit): Promise<Answer> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return { status: response.status, ok: response.ok, headers: response.headers, json: parseJson(text) };
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (name === "TimeoutError" || name === "AbortError") {
      throw new FalRequestError("timeout", `fal did not answer within ${timeoutMs} ms`);
    }
    throw new FalRequestError("network", `fal could not be reached: ${errorText(error)}`);
  }
}

function expectOk(answer: Answer, what: string): void {
  if (answer.ok) return;
  const kind = answer.status >= 500 ? "unavailable" : "refused";
  throw new FalRequestError(kind, `fal ${what}: HTTP ${answer.status}`, answer.status, detailOf(answer.json));
}

function parseOrThrow<T>(schema: z.ZodType<T>, answer: Answer, what: string): T {
  const parsed = schema.safeParse(answer.json);
  if (parsed.success) return parsed.data;
  throw new FalRequestError(
    "malformed",
    `fal ${what}: unexpected answer (HTTP ${answer.status})`,
    answer.status,
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function detailOf(body: unknown): unknown {
  if (body && typeof body === "object" && "detail" in body) return body.detail;
  return undefined;
}

function retryable(answer: Answer): boolean {
  const header = answer.headers.get("x-fal-retryable")?.trim().toLowerCase();
  if (header === "true") return true;
  if (header === "false") return false;
  return answer.status === 429 || answer.status >= 500;
}

function errorTypeOf(answer: Answer): string | null {
  const header = answer.headers.get("x-fal-error-type");
  if (header) return header;
  const body = answer.json;
  if (body && typeof body === "object" && "error_type" in body && typeof body.error_type === "string") {
    return body.error_type;
  }
  return null;
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}
