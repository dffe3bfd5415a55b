"use client";

import { createContext, type ReactNode, useContext } from "react";

const SiteKey = createContext<string | null>(null);

/** Hands the Turnstile site key (from the server's config, null when off) to the page's islands. */
export function CaptchaProvider({ siteKey, children }: { siteKey: string | null; children: ReactNode }) {
  return <SiteKey value={siteKey}>{children}</SiteKey>;
}

export function useCaptchaSiteKey(): string | null {
  return useContext(SiteKey);
}
