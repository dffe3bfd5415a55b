import { ApiError, type ApiErrorCode } from "@/lib/api/errors";

/** Which message a failed sign-in step shows, and next to which field. */
export type AuthErrorView =
  | { key: "errorEmail" | "errorCode" | "errorCodeFormat"; field: "email" | "code" }
  | { key: "errorRateLimited"; minutes: number; field: null }
  | { key: `errors.${ApiErrorCode}`; field: null };

export function authErrorView(error: unknown, step: "email" | "code"): AuthErrorView {
  const apiError = error instanceof ApiError ? error : new ApiError("internal");
  if (apiError.code === "validation_failed" && apiError.field === "email")
    return { key: "errorEmail", field: "email" };
  if (apiError.code === "validation_failed" && (apiError.field === "code" || step === "code")) {
    return { key: "errorCode", field: "code" };
  }
  if (apiError.code === "rate_limited") {
    return {
      key: "errorRateLimited",
      minutes: Math.max(1, Math.ceil((apiError.retryAfterSeconds ?? 60) / 60)),
      field: null,
    };
  }
  return { key: apiError.messageKey, field: null };
}

/** Digits only, at most six: what a pasted "123 456" or "Code: 123456" becomes. */
export function cleanCode(value: string): string {
  return value.replace(/\D/g, "").slice(0, 6);
}
