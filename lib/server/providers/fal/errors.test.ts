import { describe, expect, test } from "vitest";
import { falFailureCode } from "./errors";

const refusal = (type: string, loc = ["body", "prompt"]) => ({ loc, msg: "flagged", type });

describe("falFailureCode for a failed result", () => {
  test("a content checker's refusal is content_rejected", () => {
    const detail = [{ ...refusal("content_policy_violation"), categories: ["violence"] }];
    expect(falFailureCode({ status: 422, detail })).toBe("content_rejected");
  });

  test("a content refusal among other errors still counts as content", () => {
    const detail = [refusal("value_error"), refusal("content_policy_violation", ["body", "image_url"])];
    expect(falFailureCode({ status: 422, detail })).toBe("content_rejected");
  });

  test("a validation error is input_rejected (value_error, image too small, a string detail)", () => {
    expect(falFailureCode({ status: 422, detail: [refusal("value_error")] })).toBe("input_rejected");
    const small = [{ ...refusal("image_too_small", ["body", "image_url"]), ctx: { min_width: 720 } }];
    expect(falFailureCode({ status: 422, detail: small })).toBe("input_rejected");
    expect(falFailureCode({ status: 422, detail: "Prompt must be non-empty" })).toBe("input_rejected");
  });

  test("a 422 whose every error is on fal's side is provider_error", () => {
    const detail = [refusal("generation_timeout", ["body"]), refusal("internal_server_error", ["body"])];
    expect(falFailureCode({ status: 422, detail })).toBe("provider_error");
  });

  test("infrastructure errors, other statuses and odd bodies are provider_error", () => {
    expect(falFailureCode({ status: 504, detail: "Request timed out" })).toBe("provider_error");
    expect(falFailureCode({ status: 503, detail: "Runner disconnected" })).toBe("provider_error");
    expect(falFailureCode({ status: 400, detail: [refusal("value_error")] })).toBe("provider_error");
    expect(falFailureCode({ status: 200, detail: { seed: 1 } })).toBe("provider_error");
    expect(falFailureCode({ status: 422, detail: null })).toBe("provider_error");
  });
});

describe("falFailureCode for a webhook with status ERROR", () => {
  test("a content refusal in the payload is content_rejected", () => {
    const payload = { detail: [refusal("content_policy_violation")] };
    expect(falFailureCode({ status: "ERROR", error: "Invalid status code: 422", payload })).toBe(
      "content_rejected",
    );
  });

  test("a validation error in the payload is input_rejected, with or without the status in `error`", () => {
    const payload = { detail: [refusal("value_error")] };
    expect(falFailureCode({ status: "ERROR", error: "Invalid status code: 422", payload })).toBe(
      "input_rejected",
    );
    expect(falFailureCode({ status: "ERROR", payload })).toBe("input_rejected");
    const text = { detail: "Prompt must be non-empty" };
    expect(falFailureCode({ status: "ERROR", error: "Invalid status code: 422", payload: text })).toBe(
      "input_rejected",
    );
  });

  test("an output that was not JSON, an infrastructure error or no payload is provider_error", () => {
    expect(
      falFailureCode({
        status: "ERROR",
        error: "Invalid status code: 200",
        payload: null,
        payload_error: "not JSON",
      }),
    ).toBe("provider_error");
    const infra = { detail: "Runner disconnected", error_type: "runner_disconnected" };
    expect(falFailureCode({ status: "ERROR", error: "Invalid status code: 503", payload: infra })).toBe(
      "provider_error",
    );
    expect(falFailureCode({ status: "ERROR", error: "boom", payload: "text" })).toBe("provider_error");
    const video = { video: { url: "https://v3.fal.media/files/a.mp4" } };
    expect(falFailureCode({ status: "OK", payload: video })).toBe("provider_error");
  });
});
