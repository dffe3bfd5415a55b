/** A catalog picture (local 640×360 WebP). Decorative next to the item's name, hence alt="". */
export function Thumbnail({
  src,
  eager = false,
  className = "",
}: {
  src: string;
  /** Above the fold: load at once with high priority. */
  eager?: boolean;
  className?: string;
}) {
  return (
    // biome-ignore lint/performance/noImgElement: local, pre-sized WebP files; a plain img needs no image route and works offline.
    <img
      src={src}
      alt=""
      width={640}
      height={360}
      loading={eager ? "eager" : "lazy"}
      fetchPriority={eager ? "high" : undefined}
      decoding="async"
      className={`aspect-video w-full bg-surface-card object-cover ${className}`}
    />
  );
}
