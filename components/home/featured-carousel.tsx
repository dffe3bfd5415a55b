"use client";

import { Pause, Play } from "lucide-react";
import { useTranslations } from "next-intl";
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useId, useRef, useState } from "react";
import type { ListedModel } from "@/lib/contracts/api";
import { nearestSlide, ON_SLIDE_PX, slideAt, slidePlaces, wrapIndex } from "./carousel-row";
import { useOnScreen, usePageVisible, useReducedMotion } from "./use-media";

// Slides for a catalog read in the browser; the first paint's come from the server with the page.
const BrowserFeaturedSlide = lazy(() =>
  import("./browser-cards").then((m) => ({ default: m.BrowserFeaturedSlide })),
);

/** Time each slide stays before the next (5 s, wraps). */
export const AUTO_ADVANCE_MS = 5000;

/**
 * Featured models: a swipeable, snapping row with dots. It advances every 5 s and wraps, but
 * never while the page is hidden, the carousel is off screen, the pointer or focus is on it, or
 * the person prefers reduced motion (then only the play button starts it). A pause button meets
 * WCAG 2.2.2.
 *
 * The current slide is the one the carousel last decided on (a dot, the timer). The row's scroll
 * position only moves the dots when someone else scrolled it (a swipe, a wheel, keys, focus): a
 * scroll the carousel started is never read on its way, however slowly it runs.
 */
export function FeaturedCarousel({
  models,
  slides,
}: {
  models: ListedModel[];
  /** The slides the server rendered, by model id (a model without one is rendered here). */
  slides?: Record<string, ReactNode>;
}) {
  const t = useTranslations("home");
  const headingId = useId();
  const rootRef = useRef<HTMLElement>(null);
  const trackRef = useRef<HTMLDivElement>(null);
  // Where the scroll the carousel started is going; null when the row is the person's.
  const ownScroll = useRef<number | null>(null);
  const [moving, setMoving] = useState(false);
  const [index, setIndex] = useState(0);
  const [choice, setChoice] = useState<"play" | "pause" | null>(null);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);

  const reducedMotion = useReducedMotion();
  const pageVisible = usePageVisible();
  const onScreen = useOnScreen(rootRef);
  const count = models.length;
  const playing = count > 1 && (choice === null ? !reducedMotion : choice === "play");
  const running = playing && !hovered && !focused && pageVisible && onScreen;

  const goTo = useCallback(
    (target: number) => {
      const next = wrapIndex(target, count);
      setIndex(next);
      const track = trackRef.current;
      const left = track ? rowPlaces(track)[next] : undefined;
      if (!track || left === undefined) return;
      const needsScroll = Math.abs(track.scrollLeft - left) > ON_SLIDE_PX;
      ownScroll.current = needsScroll ? left : null;
      setMoving(needsScroll);
      track.scrollTo({ left, behavior: reducedMotion ? "auto" : "smooth" });
    },
    [count, reducedMotion],
  );

  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => goTo(index + 1), AUTO_ADVANCE_MS);
    return () => clearTimeout(timer);
  }, [running, index, goTo]);

  const endOwnScroll = () => {
    ownScroll.current = null;
    setMoving(false);
  };

  // A person taking over a scroll the carousel started makes the row theirs again.
  const takeOver = () => {
    if (ownScroll.current !== null) endOwnScroll();
  };

  // The carousel's own scroll ends where it was going. Anyone else's moves the dots to each
  // slide the row comes to rest on (scroll snapping only lets it rest on a slide).
  const onScroll = () => {
    const track = trackRef.current;
    if (!track) return;
    if (ownScroll.current !== null) {
      if (Math.abs(track.scrollLeft - ownScroll.current) <= ON_SLIDE_PX) endOwnScroll();
      return;
    }
    const slide = slideAt(track.scrollLeft, rowPlaces(track));
    if (slide !== null) setIndex(slide);
  };

  // Where the browser says a scroll is over: the carousel's own one is over even if it stopped
  // short (the row was resized); anyone else's settles on the nearest slide.
  const onScrollEnd = () => {
    const track = trackRef.current;
    if (!track) return;
    if (ownScroll.current !== null) endOwnScroll();
    else setIndex(nearestSlide(track.scrollLeft, rowPlaces(track)));
  };

  return (
    <section
      ref={rootRef}
      aria-roledescription="carousel"
      aria-labelledby={headingId}
      data-rotating={running}
      data-moving={moving}
      className="flex flex-col gap-3"
      onPointerDown={takeOver}
      onWheel={takeOver}
      onKeyDown={takeOver}
      onTouchStart={takeOver}
      onPointerEnter={(e) => e.pointerType === "mouse" && setHovered(true)}
      onPointerLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      <h2 id={headingId} className="text-title3 font-semibold tracking-tight sm:text-title2">
        <span className="sr-only">{t("featuredLabel")}</span>
        <span aria-hidden="true">{t("featured")}</span>
      </h2>

      <div
        ref={trackRef}
        onScroll={onScroll}
        onScrollEnd={onScrollEnd}
        aria-live={running ? "off" : "polite"}
        className="no-scrollbar -mx-4 flex snap-x snap-mandatory scroll-pl-4 gap-3 overflow-x-auto overscroll-x-contain px-4 sm:mx-0 sm:scroll-pl-0 sm:px-0"
      >
        {models.map((model, i) => (
          // biome-ignore lint/a11y/useSemanticElements: the APG carousel pattern: each slide is a labelled group.
          <div
            key={model.id}
            role="group"
            aria-roledescription="slide"
            aria-label={t("slide", { index: i + 1, count })}
            className="w-[86%] shrink-0 snap-start snap-always sm:w-full"
          >
            {slides?.[model.id] ?? (
              <Suspense>
                <BrowserFeaturedSlide model={model} eager={i === 0} />
              </Suspense>
            )}
          </div>
        ))}
      </div>

      {count > 1 ? (
        <div className="flex items-center justify-center gap-1 sm:justify-start">
          {models.map((model, i) => (
            <button
              key={model.id}
              type="button"
              onClick={() => goTo(i)}
              aria-label={t("goToSlide", { index: i + 1, count })}
              aria-current={i === index ? "true" : undefined}
              className="group flex size-6 items-center justify-center rounded-full"
            >
              <span
                className={`block h-2 rounded-full transition-[width,background-color] duration-300 ${
                  i === index
                    ? "w-5 bg-brand-primary"
                    : "w-2 bg-text-secondary/45 group-hover:bg-text-secondary/70"
                }`}
              />
            </button>
          ))}
          <button
            type="button"
            onClick={() => setChoice(playing ? "pause" : "play")}
            aria-label={playing ? t("pause") : t("play")}
            className="ml-2 flex size-8 items-center justify-center rounded-full text-text-secondary transition-colors hover:bg-surface-card hover:text-text-primary"
          >
            {playing ? (
              <Pause aria-hidden="true" className="size-4 fill-current" strokeWidth={2} />
            ) : (
              <Play aria-hidden="true" className="size-4 fill-current" strokeWidth={2} />
            )}
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** Where the row is scrolled to when each of its slides is at the start. */
function rowPlaces(track: HTMLElement): number[] {
  const slides = Array.from(track.children) as HTMLElement[];
  const first = slides[0];
  if (!first) return [];
  return slidePlaces(
    slides.map((slide) => slide.offsetLeft - first.offsetLeft),
    track.scrollWidth - track.clientWidth,
  );
}
