import type { ComponentProps } from "react";

/** What marks a link for the IntentLinks island (components/shell/intent-links.tsx). */
export const intentLinkSelector = "a[data-intent-link]";

/** A click on a link the browser should handle itself: a new tab or window, a download, another target. */
export function opensElsewhere(
  click: Pick<MouseEvent, "button" | "metaKey" | "ctrlKey" | "shiftKey" | "altKey">,
  link: HTMLAnchorElement,
): boolean {
  return (
    click.button !== 0 ||
    click.metaKey ||
    click.ctrlKey ||
    click.shiftKey ||
    click.altKey ||
    (link.target !== "" && link.target !== "_self") ||
    link.hasAttribute("download")
  );
}

/**
 * A link inside the app: navigated client-side, and prefetched only once the person shows intent
 * (pointer over it, a touch, keyboard focus), by the one IntentLinks island in the layout.
 * Prefetching loads the target page's code as well, so a grid of links in view would otherwise
 * make every phone download that page on arrival. A plain <a> rather than next/link: each Link is
 * a client component with its own hooks and effects, and Home alone drew 26 of them (about 50 ms
 * of script at a phone's 4× slower CPU); one delegated listener serves every link.
 */
export function IntentLink({ href, ...props }: Omit<ComponentProps<"a">, "href"> & { href: string }) {
  return <a href={href} data-intent-link="" {...props} />;
}
