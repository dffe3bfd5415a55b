import { describe, expect, it } from "vitest";
import { nearestSlide, slideAt, slidePlaces, wrapIndex } from "./carousel-row";

describe("wrapIndex", () => {
  it("goes round both ways", () => {
    expect(wrapIndex(0, 3)).toBe(0);
    expect(wrapIndex(3, 3)).toBe(0);
    expect(wrapIndex(4, 3)).toBe(1);
    expect(wrapIndex(-1, 3)).toBe(2);
  });
});

describe("slidePlaces", () => {
  it("keeps each slide's distance, but no further than the row's end", () => {
    // A phone: slides of 86 % leave part of the row past the last slide's start unreachable.
    expect(slidePlaces([0, 297, 594, 891], 841)).toEqual([0, 297, 594, 841]);
    expect(slidePlaces([0, 400], 800)).toEqual([0, 400]);
  });
});

describe("nearestSlide", () => {
  const places = [0, 297, 594, 841];

  it("picks the slide whose place is closest", () => {
    expect(nearestSlide(0, places)).toBe(0);
    expect(nearestSlide(140, places)).toBe(0);
    expect(nearestSlide(160, places)).toBe(1);
    expect(nearestSlide(800, places)).toBe(3);
    expect(nearestSlide(5000, places)).toBe(3);
  });
});

describe("slideAt", () => {
  const places = [0, 297, 594, 841];

  it("names the slide the row rests on, allowing for sub-pixel rounding", () => {
    expect(slideAt(0, places)).toBe(0);
    expect(slideAt(297.4, places)).toBe(1);
    expect(slideAt(592.8, places)).toBe(2);
    expect(slideAt(841, places)).toBe(3);
  });

  it("says nothing while the row is between slides", () => {
    expect(slideAt(3, places)).toBeNull();
    expect(slideAt(450, places)).toBeNull();
    expect(slideAt(700, places)).toBeNull();
  });

  it("says nothing for an empty row", () => {
    expect(slideAt(0, [])).toBeNull();
  });
});
