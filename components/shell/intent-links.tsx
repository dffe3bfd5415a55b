"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { intentLinkSelector, opensElsewhere } from "@/components/ui/intent-link";

/** The link an event happened in, when it is an IntentLink to a page of this app. */
function intentLink(event: Event): { link: HTMLAnchorElement; href: string } | null {
  const link =
    event.target instanceof Element ? event.target.closest<HTMLAnchorElement>(intentLinkSelector) : null;
  if (!link) return null;
  const url = new URL(link.href);
  if (url.origin !== window.location.origin) return null;
  return { link, href: `${url.pathname}${url.search}${url.hash}` };
}

/**
 * Does for every IntentLink (components/ui/intent-link.tsx) what next/link would do for one:
 * prefetches its page once the person shows intent, and turns a plain click into a client-side
 * navigation. Listens on the window, so a link's own click handler (BackLink's) runs first and
 * can take the click. Until the app has hydrated, links are ordinary links.
 */
export function IntentLinks() {
  const router = useRouter();
  useEffect(() => {
    let lastPrefetched: HTMLAnchorElement | null = null;
    const prefetch = (event: Event) => {
      const target = intentLink(event);
      if (!target || target.link === lastPrefetched) return;
      lastPrefetched = target.link;
      router.prefetch(target.href);
    };
    const navigate = (event: MouseEvent) => {
      const target = intentLink(event);
      if (!target || event.defaultPrevented || opensElsewhere(event, target.link)) return;
      event.preventDefault();
      router.push(target.href);
    };
    window.addEventListener("pointerover", prefetch, { passive: true });
    window.addEventListener("touchstart", prefetch, { passive: true });
    window.addEventListener("focusin", prefetch);
    window.addEventListener("click", navigate);
    return () => {
      window.removeEventListener("pointerover", prefetch);
      window.removeEventListener("touchstart", prefetch);
      window.removeEventListener("focusin", prefetch);
      window.removeEventListener("click", navigate);
    };
  }, [router]);
  return null;
}
