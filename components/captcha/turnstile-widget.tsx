"use client";

import { TriangleAlert } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { toneText } from "@/components/ui/tones";
import { loadTurnstile, type Turnstile } from "./load-turnstile";
import type { TokenBox } from "./token-box";

/**
 * Cloudflare Turnstile, rendered explicitly into this element: invisible unless Cloudflare wants
 * an interaction, in the app's language and theme. Tokens go to `box`; a failed challenge or a
 * script that cannot load shows a message with a way to try again.
 */
export function TurnstileWidget({
  siteKey,
  action,
  box,
}: {
  siteKey: string;
  action: string;
  box: TokenBox;
}) {
  const t = useTranslations("captcha");
  const locale = useLocale();
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs it on purpose
  useEffect(() => {
    let cancelled = false;
    let turnstile: Turnstile | undefined;
    let widgetId: string | undefined;
    box.expire(); // a restart (Try again) clears an earlier failure
    const fail = () => {
      box.fail();
      setFailed(true);
    };
    loadTurnstile().then(
      (loaded) => {
        if (cancelled || !container.current) return;
        turnstile = loaded;
        widgetId = loaded.render(container.current, {
          sitekey: siteKey,
          action,
          language: locale,
          theme: pageTheme(),
          appearance: "interaction-only",
          "refresh-expired": "auto",
          callback: (token) => {
            setFailed(false);
            box.put(token);
          },
          "error-callback": () => {
            fail();
            return true; // handled here: the message offers to try again
          },
          "expired-callback": () => box.expire(),
          "timeout-callback": fail,
        });
        box.setReset(() => loaded.reset(widgetId));
      },
      () => {
        if (!cancelled) fail();
      },
    );
    return () => {
      cancelled = true;
      box.setReset(null);
      box.expire();
      if (turnstile && widgetId) turnstile.remove(widgetId);
    };
  }, [siteKey, action, locale, box, attempt]);

  return (
    <div className="flex flex-col items-start gap-2">
      <div ref={container} />
      {failed ? (
        <p role="alert" className="flex items-start gap-2 text-subheadline text-pretty">
          <TriangleAlert aria-hidden="true" className={`mt-0.5 size-4 shrink-0 ${toneText.error}`} />
          <span>
            {t("failed")}{" "}
            <button
              type="button"
              onClick={() => {
                setFailed(false);
                setAttempt((n) => n + 1);
              }}
              className="font-semibold underline underline-offset-4"
            >
              {t("retry")}
            </button>
          </span>
        </p>
      ) : null}
    </div>
  );
}

/** The theme the page shows: a forced one on <html data-theme>, else the system's. */
function pageTheme(): "light" | "dark" | "auto" {
  const theme = document.documentElement.dataset.theme;
  return theme === "light" || theme === "dark" ? theme : "auto";
}
