"use client";

import { useEffect, useState } from "react";
import { RetryButton } from "@/components/pwa/retry-button";
import { type Locale, localeCookieName, resolveLocale } from "@/lib/i18n/locale";

export type OfflineTexts = { title: string; body: string; retry: string };

/** The language the person uses now: the saved choice (a cookie pages can read), else the browser's. */
function currentLocale(): Locale {
  const cookie = document.cookie
    .split("; ")
    .find((entry) => entry.startsWith(`${localeCookieName}=`))
    ?.slice(localeCookieName.length + 1);
  return resolveLocale({ cookie, acceptLanguage: navigator.languages.join(",") });
}

/** Puts the page title in the chosen language, also once Next streams its <title> in after hydration. */
function translateTitle(from: string, to: string): () => void {
  if (from === to) return () => {};
  const replace = () => {
    // Setting the title is itself a change to <head>: only when it still reads the old words.
    if (document.title.includes(from) && !document.title.includes(to)) {
      document.title = document.title.replace(from, to);
    }
  };
  replace();
  const observer = new MutationObserver(replace);
  observer.observe(document.head, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}

/**
 * The offline page's words. The worker keeps one copy of the page, rendered in the language of
 * the day it was installed; all three languages travel with it and the page picks the current one.
 */
export function OfflineContent({
  texts,
  rendered,
}: {
  texts: Record<Locale, OfflineTexts>;
  rendered: Locale;
}) {
  const [locale, setLocale] = useState(rendered);

  useEffect(() => {
    const chosen = currentLocale();
    setLocale(chosen);
    document.documentElement.lang = chosen;
    return translateTitle(texts[rendered].title, texts[chosen].title);
  }, [texts, rendered]);

  const text = texts[locale];
  return (
    <>
      <h1 className="text-title2 font-semibold">{text.title}</h1>
      <p className="text-body text-pretty text-text-secondary">{text.body}</p>
      <RetryButton label={text.retry} />
    </>
  );
}
