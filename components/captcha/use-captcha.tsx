"use client";

import dynamic from "next/dynamic";
import { type ReactNode, useCallback, useState } from "react";
import { useCaptchaSiteKey } from "./captcha-provider";
import { createTokenBox } from "./token-box";

// Loaded only where a site key is configured: without Turnstile no widget code reaches the page.
const TurnstileWidget = dynamic(() => import("./turnstile-widget").then((m) => m.TurnstileWidget), {
  ssr: false,
});

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
  const widget = siteKey ? <TurnstileWidget siteKey={siteKey} action={action} box={box} /> : null;
  return { widget, token };
}
