import { afterEach, describe, expect, test, vi } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { createTokenBox } from "./token-box";

afterEach(() => {
  vi.useRealTimers();
});

describe("the Turnstile token box", () => {
  test("a token is given once, and taking it asks the widget for a fresh one", async () => {
    const box = createTokenBox();
    const reset = vi.fn();
    box.setReset(reset);
    box.put("token-1");
    expect(await box.take()).toBe("token-1");
    expect(reset).toHaveBeenCalledTimes(1);

    // The spent token is gone: the next request waits for the widget's next one.
    const next = box.take();
    box.put("token-2");
    expect(await next).toBe("token-2");
    expect(reset).toHaveBeenCalledTimes(2);
  });

  test("an expired token is not handed out", async () => {
    vi.useFakeTimers();
    const box = createTokenBox();
    box.put("old");
    box.expire();
    const waiting = box.take(1000);
    box.put("new");
    expect(await waiting).toBe("new");
  });

  test("a failed challenge fails the waiting request with captcha_failed", async () => {
    const box = createTokenBox();
    const waiting = box.take();
    box.fail();
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("captcha_failed");
    // Until the widget has a token again, a request fails at once rather than waiting.
    await expect(box.take()).rejects.toMatchObject({ code: "captcha_failed" });
    box.put("after-retry");
    expect(await box.take()).toBe("after-retry");
  });

  test("a widget that never answers fails the request after the wait, not never", async () => {
    vi.useFakeTimers();
    const box = createTokenBox();
    const waiting = box.take(5000).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5000);
    expect(((await waiting) as ApiError).code).toBe("captcha_failed");
    // A token arriving later is kept for the next request.
    box.put("late");
    expect(await box.take()).toBe("late");
  });
});
