/**
 * The one error catalogue shared by server and browser (docs/api.md "Error catalogue").
 * Each code maps to its HTTP status, whether a client may retry, and the i18n key `errors.<code>`.
 */
export const errorCatalogue = {
  validation_failed: { status: 400, retryable: false },
  idempotency_key_required: { status: 400, retryable: false },
  captcha_failed: { status: 400, retryable: false },
  unauthorized: { status: 401, retryable: false },
  forbidden: { status: 403, retryable: false },
  not_found: { status: 404, retryable: false },
  method_not_allowed: { status: 405, retryable: false },
  model_not_found: { status: 404, retryable: false },
  job_not_found: { status: 404, retryable: false },
  product_not_found: { status: 404, retryable: false },
  idempotency_conflict: { status: 409, retryable: false },
  model_unavailable: { status: 409, retryable: false },
  job_in_progress: { status: 409, retryable: false },
  insufficient_credits: { status: 402, retryable: false },
  payload_too_large: { status: 413, retryable: false },
  content_rejected: { status: 422, retryable: false },
  input_rejected: { status: 422, retryable: false },
  rate_limited: { status: 429, retryable: true },
  provider_error: { status: 502, retryable: true },
  service_unavailable: { status: 503, retryable: true },
  push_unavailable: { status: 503, retryable: false },
  internal: { status: 500, retryable: true },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

export type ErrorCode = keyof typeof errorCatalogue;

export const errorCodes = Object.keys(errorCatalogue) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(errorCatalogue, value);
}

/** English fallback text; the browser shows `errors.<code>` from messages/* instead. */
const englishMessages: Record<ErrorCode, string> = {
  validation_failed: "A field is missing or invalid.",
  idempotency_key_required: "An Idempotency-Key header with a UUID is required.",
  captcha_failed: "The human check (captchaToken) is missing or was not passed.",
  unauthorized: "You need a session to do this.",
  forbidden: "You are not allowed to do this.",
  not_found: "Not found.",
  method_not_allowed: "This method is not allowed here.",
  model_not_found: "This model does not exist.",
  job_not_found: "This video does not exist or has expired.",
  product_not_found: "This credit pack does not exist.",
  idempotency_conflict: "This request key was already used with different content.",
  model_unavailable: "This model is currently unavailable.",
  job_in_progress: "This video is still being made.",
  insufficient_credits: "You do not have enough credits for this video.",
  payload_too_large: "The request is too large.",
  content_rejected:
    "The model's safety filter declined this prompt or image. Your credits were refunded; change the prompt or image and try again.",
  input_rejected:
    "The model could not use this input. Your credits were refunded; try a different image or prompt.",
  rate_limited: "Too many requests. Try again later.",
  provider_error: "The video service failed. Your credits were refunded.",
  service_unavailable: "The service is temporarily unavailable. Try again later.",
  push_unavailable: "Notifications are not set up on this server.",
  internal: "Something went wrong on our side.",
};

const appErrorBrand = Symbol.for("rendio.AppError");

/**
 * Whether `error` is an AppError (optionally with one of `codes`). Checked by a global brand, not
 * `instanceof`: a module loaded by two bundles (instrumentation and a route, say) has two AppError
 * classes, and an error from one must still be recognised by the other.
 */
export function isAppError(error: unknown, ...codes: ErrorCode[]): error is AppError {
  if (typeof error !== "object" || error === null || !(appErrorBrand in error)) return false;
  return codes.length === 0 || codes.includes((error as AppError).code);
}

/** An expected failure with a catalogue code; anything else thrown is a bug (`internal`). */
export class AppError extends Error {
  readonly [appErrorBrand] = true;
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    options: { field?: string; message?: string; retryAfterSeconds?: number } = {},
  ) {
    super(options.message ?? englishMessages[code]);
    this.name = "AppError";
    this.code = code;
    this.field = options.field;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return errorCatalogue[this.code].status;
  }

  toBody(): { error: { code: ErrorCode; message: string; field?: string } } {
    return {
      error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) },
    };
  }
}
