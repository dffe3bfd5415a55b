/** A grey placeholder block that pulses unless motion is reduced. Decorative. */
export function Skeleton({ className = "" }: { className?: string }) {
  const radius = className.includes("rounded-") ? "" : "rounded-input";
  return (
    <div
      aria-hidden="true"
      className={`bg-text-secondary/15 motion-safe:animate-pulse ${radius} ${className}`}
    />
  );
}
