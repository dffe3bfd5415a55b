/** Width of the smaller copy every local catalog picture has (scripts/make-thumbnails.mjs). */
export const SMALL_THUMBNAIL_WIDTH = 384;

/**
 * The picture's local copies as a srcset: `<name>-384.webp` beside the 640 px file. A card drawn
 * under 384 device pixels wide (a phone's grid at DPR 1.75, most desktops) loads under half the
 * bytes. None for a picture that is not one of ours.
 */
export function thumbnailSrcSet(src: string): string | undefined {
  if (!/^\/thumbnails\/[a-z0-9-]+\/[a-z0-9-]+\.webp$/.test(src)) return undefined;
  return `${src.replace(/\.webp$/, `-${SMALL_THUMBNAIL_WIDTH}.webp`)} ${SMALL_THUMBNAIL_WIDTH}w, ${src} 640w`;
}

/** A catalog picture (local 640×360 WebP). Decorative next to the item's name, hence alt="". */
export function Thumbnail({
  src,
  sizes,
  eager = false,
  className = "",
}: {
  src: string;
  /** How wide the card draws it (the img `sizes`): lets a narrow card load the small copy. */
  sizes?: string;
  /** Above the fold: load at once with high priority. */
  eager?: boolean;
  className?: string;
}) {
  const srcSet = sizes ? thumbnailSrcSet(src) : undefined;
  return (
    // biome-ignore lint/performance/noImgElement: local, pre-sized WebP files; a plain img needs no image route and works offline.
    <img
      src={src}
      srcSet={srcSet}
      sizes={srcSet ? sizes : undefined}
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
