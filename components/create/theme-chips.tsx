"use client";

import { useTranslations } from "next-intl";
import type { Theme } from "@/lib/contracts/catalog";

type Props = {
  themes: Theme[];
  activeId: string | null;
  onPick: (theme: Theme) => void;
  disabled?: boolean;
};

/**
 * "Need an idea?" — theme presets that fill the prompt and settings with one tap. On phones the
 * row scrolls edge to edge; its scroll padding matches the page gutter, so snapping keeps the
 * first chip in line with the content above instead of flush with the screen edge.
 */
export function ThemeChips({ themes, activeId, onPick, disabled }: Props) {
  const t = useTranslations("create.themes");
  return (
    <section aria-labelledby="themes-title" className="flex flex-col gap-2">
      <h2 id="themes-title" className="text-subheadline font-semibold text-text-secondary">
        {t("title")}
      </h2>
      <ul className="-mx-4 flex snap-x scroll-px-4 gap-2 overflow-x-auto px-4 pb-1 [scrollbar-width:none] sm:-mx-6 sm:scroll-px-6 sm:px-6 lg:mx-0 lg:flex-wrap lg:overflow-visible lg:px-0">
        {themes.map((theme) => {
          const active = theme.id === activeId;
          return (
            <li key={theme.id} className="shrink-0 snap-start">
              <button
                type="button"
                aria-pressed={active}
                disabled={disabled}
                onClick={() => onPick(theme)}
                className={`flex min-h-11 items-center gap-2 rounded-full py-1 pr-4 pl-1 text-subheadline font-semibold ring-1 ring-inset transition-colors duration-200 disabled:opacity-60 ${
                  active
                    ? "bg-brand-primary text-on-brand ring-brand-primary"
                    : "bg-surface-card text-text-primary ring-border-default hover:ring-brand-primary/50"
                }`}
              >
                {/* biome-ignore lint/performance/noImgElement: tiny static thumbnail, decorative */}
                <img
                  src={theme.thumbnailUrl}
                  alt=""
                  width={36}
                  height={36}
                  className="size-9 rounded-full object-cover"
                />
                {theme.name}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
