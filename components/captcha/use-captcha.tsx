"use client";

import { lazy, type ReactNode, Suspense, useCallback, useState } from "react";
import { useCaptchaSiteKey } from "./captcha-provider";
import { createTokenBox } from "./token-box";

// Loaded only where a site key is configured: without Turnstile no widget code reaches the page.
const TurnstileWidget = lazy(() =>
  import("./turnstile-widget").then((m) => ({ default: m.TurnstileWidget })),
);

/**
 * The human check for one action (a new guest, a sign-in code): `widget` goes into the page near
 * the button; `token()` gives the token for one request (undefined when Turnstile is off).
 */
export function useCaptcha(action: "guest" | "email_code"): {
  widget: ReactNode;
  token: () => Promise<string | undefined>;
} {
  const siteKey = useCaptchaSiteKey();
  const [box] = useState(createTokenBox);
  const token = useCallback(async () => (siteKey ? box.take() : undefined), [siteKey, box]);
  const widget = siteKey ? (
    <Suspense>
      <TurnstileWidget siteKey={siteKey} action={action} box={box} />
    </Suspense>
  ) : null;
  return { widget, token };
}
