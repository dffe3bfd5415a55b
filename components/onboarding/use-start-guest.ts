"use client";

import { useCallback, useState } from "react";
import { useSWRConfig } from "swr";
import { useCaptcha } from "@/components/captcha/use-captcha";
import { api } from "@/lib/api/endpoints";
import { ApiError } from "@/lib/api/errors";
import { swrKeys } from "@/lib/api/hooks";
import type { Me } from "@/lib/contracts/user";

/**
 * "Start creating": POST /api/session/guest makes the visitor a guest with the welcome credits
 * (granted once per user by the server) and puts the new user straight into the `me` cache.
 * With Turnstile on, `captcha` (the widget) must be on the page, near the button.
 */
export function useStartGuest() {
  const { mutate } = useSWRConfig();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const captcha = useCaptcha("guest");
  const { token } = captcha;

  const start = useCallback(async (): Promise<Me | null> => {
    setStarting(true);
    setError(null);
    try {
      const { user } = await api.startGuest(await token());
      await mutate(swrKeys.me, user, { revalidate: false });
      return user;
    } catch (cause) {
      setError(cause instanceof ApiError ? cause : new ApiError("internal"));
      return null;
    } finally {
      setStarting(false);
    }
  }, [mutate, token]);

  const clearError = useCallback(() => setError(null), []);
  return { start, starting, error, clearError, captcha: captcha.widget };
}
