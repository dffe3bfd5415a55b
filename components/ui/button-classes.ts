/** A secondary button look (card surface, radius 12, 44 px tall). */
export const secondaryButtonClass =
  "inline-flex min-h-11 items-center justify-center gap-2 rounded-card bg-surface-card px-5 text-headline font-semibold text-text-primary ring-1 ring-border-default ring-inset transition-[background-color,transform] hover:bg-text-secondary/10 active:scale-[0.98] disabled:opacity-60";
