"use client";

import { useCallback, useState } from "react";
import { useCaptcha } from "@/components/captcha/use-captcha";
import { themeStorageKey } from "@/components/shell/theme-script";
import { accountApi } from "@/lib/api/account";
import { api } from "@/lib/api/endpoints";
import { ApiError } from "@/lib/api/errors";
import { mutateMe } from "@/lib/api/me";
import type { Me } from "@/lib/contracts/user";

/**
 * "Start creating": POST /api/session/guest makes the visitor a guest with the welcome credits
 * (granted once per user by the server) and puts the new user straight into the `me` cache.
 * With Turnstile on, `captcha` (the widget) must be on the page, near the button.
 */
export function useStartGuest() {
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const captcha = useCaptcha("guest");
  const { token } = captcha;

  const start = useCallback(async (): Promise<Me | null> => {
    setStarting(true);
    setError(null);
    try {
      const { user: created } = await api.startGuest(await token());
      const user = keepDeviceTheme(created);
      await mutateMe(user, { revalidate: false });
      return user;
    } catch (cause) {
      setError(cause instanceof ApiError ? cause : new ApiError("internal"));
      return null;
    } finally {
      setStarting(false);
    }
  }, [token]);

  const clearError = useCallback(() => setError(null), []);
  return { start, starting, error, clearError, captcha: captcha.widget };
}

/**
 * A theme this device already forces (e.g. kept through a sign-out) stays: the new guest takes
 * it, saved on the user in the background, instead of the page flipping back to the default.
 */
function keepDeviceTheme(user: Me): Me {
  let theme: string | null = null;
  try {
    theme = localStorage.getItem(themeStorageKey);
  } catch {
    return user; // storage blocked: nothing kept on this device
  }
  if ((theme !== "light" && theme !== "dark") || theme === user.theme) return user;
  void accountApi.updateSettings({ theme }).catch(() => undefined);
  return { ...user, theme };
}
