import { describe, expect, test } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { authErrorView, cleanCode } from "./auth-error";

describe("authErrorView", () => {
  test("a bad email and a bad code point at their fields", () => {
    expect(authErrorView(new ApiError("validation_failed", { field: "email" }), "email")).toEqual({
      key: "errorEmail",
      field: "email",
    });
    expect(authErrorView(new ApiError("validation_failed", { field: "code" }), "code")).toEqual({
      key: "errorCode",
      field: "code",
    });
  });

  test("rate limits say how many minutes to wait, at least one", () => {
    expect(authErrorView(new ApiError("rate_limited", { retryAfterSeconds: 125 }), "email")).toMatchObject({
      key: "errorRateLimited",
      minutes: 3,
    });
    expect(authErrorView(new ApiError("rate_limited", { retryAfterSeconds: 5 }), "code")).toMatchObject({
      minutes: 1,
    });
  });

  test("anything else shows the catalogue message", () => {
    expect(authErrorView(new ApiError("network_error"), "email")).toEqual({
      key: "errors.network_error",
      field: null,
    });
    expect(authErrorView(new Error("boom"), "code")).toEqual({ key: "errors.internal", field: null });
  });
});

test("cleanCode keeps the first six digits of whatever was pasted", () => {
  expect(cleanCode("123 456")).toBe("123456");
  expect(cleanCode("Code: 987-654!")).toBe("987654");
  expect(cleanCode("12345678")).toBe("123456");
  expect(cleanCode("abc")).toBe("");
});
