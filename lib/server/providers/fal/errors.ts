/**
 * Which of our job error codes a fal failure is. fal reports a model's refusal as HTTP 422 with
 * `detail: [{loc, msg, type, …}]` (`type` is machine-readable; `msg` is for people and is not
 * parsed here) or, on older endpoints, a string `detail`. Infrastructure failures are 5xx with
 * `{detail, error_type}`. A webhook carries the same body in `payload`, with the HTTP status only
 * in `error` ("Invalid status code: 422"), or `payload: null` and `payload_error` when the output
 * was not JSON.
 */

export type FalFailureCode = "content_rejected" | "input_rejected" | "provider_error";

/** A failed `result()` or a refused submit: the HTTP status and fal's detail. */
export type FalResultFailure = { status: number; detail: unknown };

/** A webhook body (as sent: snake_case); meant for `status: "ERROR"`, an "OK" one is provider_error. */
export type FalWebhookFailure = {
  status: "OK" | "ERROR";
  error?: string | null;
  payload: unknown;
  payload_error?: string | null;
};

export type FalFailure = FalResultFailure | FalWebhookFailure;

/** `detail[].type` values that mean a safety checker refused the prompt or the image. */
const CONTENT_TYPES = new Set(["content_policy_violation"]);

/** `detail[].type` values fal documents for failures on its side, not in our input. */
const SERVER_TYPES = new Set([
  "internal_server_error",
  "generation_timeout",
  "downstream_service_error",
  "downstream_service_unavailable",
  "no_media_generated",
]);

export function falFailureCode(failure: FalFailure): FalFailureCode {
  if (typeof failure.status === "number")
    return classify(failure.status, (failure as FalResultFailure).detail);
  if (failure.status !== "ERROR") return "provider_error";
  const payload = failure.payload;
  if (!payload || typeof payload !== "object" || !("detail" in payload)) return "provider_error";
  // A typed detail list is a model error even when `error` does not say which status it had.
  const status = statusOf(failure.error) ?? (Array.isArray(payload.detail) ? 422 : null);
  return classify(status, payload.detail);
}

function classify(status: number | null, detail: unknown): FalFailureCode {
  const types = Array.isArray(detail) ? detail.map(typeOf) : [];
  if (types.some((type) => type !== null && CONTENT_TYPES.has(type))) return "content_rejected";
  if (status !== 422) return "provider_error";
  if (types.length > 0 && types.every((type) => type !== null && SERVER_TYPES.has(type)))
    return "provider_error";
  return detail === undefined || detail === null ? "provider_error" : "input_rejected";
}

function typeOf(item: unknown): string | null {
  if (item && typeof item === "object" && "type" in item && typeof item.type === "string") return item.type;
  return null;
}

/** The HTTP status in a webhook's `error` ("Invalid status code: 422"), the only place it is given. */
function statusOf(error: string | null | undefined): number | null {
  const match = error?.match(/\b([1-5]\d\d)\b/);
  return match ? Number(match[1]) : null;
}
