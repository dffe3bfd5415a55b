/**
 * "Skip to content", the first stop of the keyboard. Hidden until focused; Tailwind's
 * `not-sr-only` resets padding to 0, so the padding is given again under `focus:`.
 */
export function SkipLink({ label }: { label: string }) {
  return (
    <a
      href="#content"
      className="sr-only z-50 rounded-card bg-brand-primary font-semibold text-on-brand focus:not-sr-only focus:fixed focus:top-[max(0.75rem,env(safe-area-inset-top))] focus:left-[max(0.75rem,env(safe-area-inset-left))] focus:px-4 focus:py-3"
      data-testid="skip-link"
    >
      {label}
    </a>
  );
}
