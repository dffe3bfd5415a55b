/** The app's mark: a play symbol on the brand gradient. Decorative; pair it with visible text. */
export function BrandMark({ className = "size-10" }: { className?: string }) {
  return (
    <svg viewBox="0 0 40 40" className={className} aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="brand-mark-fill" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#6b4fff" />
          <stop offset="1" stopColor="#ff3d71" />
        </linearGradient>
      </defs>
      <rect width="40" height="40" rx="11" fill="url(#brand-mark-fill)" />
      <path
        d="M16 12.5v15a1 1 0 0 0 1.5.86l12.2-7.5a1 1 0 0 0 0-1.72l-12.2-7.5A1 1 0 0 0 16 12.5Z"
        fill="#fff"
      />
    </svg>
  );
}
