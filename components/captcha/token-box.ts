import { ApiError } from "@/lib/api/errors";

/**
 * Holds the Turnstile widget's current token for the next request that needs one. Tokens are
 * single-use: taking one asks the widget for a fresh one at once. A request made before the
 * widget has answered waits for it (the visitor may have to tick the box), up to a limit.
 */
export type TokenBox = {
  /** The widget produced a token. */
  put(token: string): void;
  /** The challenge failed or could not run: requests fail with captcha_failed until a token comes. */
  fail(): void;
  /** No usable token for now, the widget is getting one (it expired, or the widget restarts). */
  expire(): void;
  /** How to get a fresh token after one is taken (turnstile.reset), once the widget exists. */
  setReset(reset: (() => void) | null): void;
  /** The token for one request, waiting up to `timeoutMs` for the widget. */
  take(timeoutMs?: number): Promise<string>;
};

export const TOKEN_WAIT_MS = 60_000;

type Waiter = {
  resolve: (token: string) => void;
  reject: (error: ApiError) => void;
  timer: ReturnType<typeof setTimeout>;
};

export function createTokenBox(): TokenBox {
  let token: string | null = null;
  let failed = false;
  let reset: (() => void) | null = null;
  const waiters: Waiter[] = [];

  const spend = (value: string): string => {
    token = null;
    reset?.();
    return value;
  };

  return {
    put(value) {
      failed = false;
      const waiter = waiters.shift();
      if (!waiter) {
        token = value;
        return;
      }
      clearTimeout(waiter.timer);
      waiter.resolve(spend(value));
    },
    fail() {
      token = null;
      failed = true;
      for (const waiter of waiters.splice(0)) {
        clearTimeout(waiter.timer);
        waiter.reject(new ApiError("captcha_failed"));
      }
    },
    expire() {
      token = null;
      failed = false;
    },
    setReset(value) {
      reset = value;
    },
    take(timeoutMs = TOKEN_WAIT_MS) {
      if (token !== null) return Promise.resolve(spend(token));
      if (failed) return Promise.reject(new ApiError("captcha_failed"));
      return new Promise<string>((resolve, reject) => {
        const waiter: Waiter = {
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.splice(waiters.indexOf(waiter), 1);
            reject(new ApiError("captcha_failed"));
          }, timeoutMs),
        };
        waiters.push(waiter);
      });
    },
  };
}
