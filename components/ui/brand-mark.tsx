/**
 * The app's mark: a play symbol on the brand gradient. Decorative; pair it with visible text.
 * The gradient is a CSS background rather than an SVG <linearGradient>: a gradient id shared by
 * several marks stops painting when the first mark on the page is hidden (display: none).
 */
export function BrandMark({ className = "size-10" }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={`inline-flex shrink-0 rounded-[27.5%] bg-linear-135 from-[#6b4fff] to-[#ff3d71] ${className}`}
    >
      <svg viewBox="0 0 40 40" className="size-full" aria-hidden="true" focusable="false">
        <path
          d="M16 12.5v15a1 1 0 0 0 1.5.86l12.2-7.5a1 1 0 0 0 0-1.72l-12.2-7.5A1 1 0 0 0 16 12.5Z"
          fill="#fff"
        />
      </svg>
    </span>
  );
}
