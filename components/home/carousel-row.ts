/** The featured carousel's arithmetic: which slide is where in its scrolling row. */

/** How far (px) the row may sit from a slide's place and still be on it (rounded layout, zoom). */
export const ON_SLIDE_PX = 1.5;

/** Any slide number, wrapped into 0 … count − 1 (the carousel goes round). */
export function wrapIndex(target: number, count: number): number {
  return ((target % count) + count) % count;
}

/**
 * Where the row is scrolled to when each slide is at its start, from each slide's distance to the
 * first one; the last slides may only get as far as the row's end.
 */
export function slidePlaces(distances: number[], maxScroll: number): number[] {
  return distances.map((distance) => Math.max(0, Math.min(distance, maxScroll)));
}

/** The slide whose place is nearest the scroll position. */
export function nearestSlide(scrollLeft: number, places: number[]): number {
  let nearest = 0;
  places.forEach((place, i) => {
    if (Math.abs(place - scrollLeft) < Math.abs((places[nearest] ?? 0) - scrollLeft)) nearest = i;
  });
  return nearest;
}

/** The slide the row is on, or null while it is between two. */
export function slideAt(scrollLeft: number, places: number[]): number | null {
  const nearest = nearestSlide(scrollLeft, places);
  const place = places[nearest];
  return place !== undefined && Math.abs(place - scrollLeft) <= ON_SLIDE_PX ? nearest : null;
}
