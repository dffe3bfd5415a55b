import { type ErrorCode, errorCatalogue, isErrorCode } from "../errors";

/** Failures only the browser sees: no answer at all, or none in time. */
export type ClientErrorCode = "network_error" | "timeout";
export type ApiErrorCode = ErrorCode | ClientErrorCode;

/** An API failure with a catalogue code; the UI shows messages `errors.<code>`, never raw text. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ApiErrorCode,
    options: { status?: number; field?: string; retryAfterSeconds?: number } = {},
  ) {
    super(code);
    this.name = "ApiError";
    this.code = code;
    this.status = options.status ?? (isErrorCode(code) ? errorCatalogue[code].status : 0);
    this.field = options.field;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The messages key to show for this error. */
  get messageKey(): `errors.${ApiErrorCode}` {
    return `errors.${this.code}`;
  }
}

/** The catalogue code for a status when the body did not say (a proxy's HTML error page, say). */
export function codeForStatus(status: number): ErrorCode {
  const match = (Object.entries(errorCatalogue) as [ErrorCode, { status: number }][]).find(
    ([code, entry]) =>
      entry.status === status && !["idempotency_key_required", "model_not_found"].includes(code),
  );
  if (match) return match[0];
  return status >= 500 ? "service_unavailable" : "validation_failed";
}
