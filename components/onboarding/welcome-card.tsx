"use client";

import { ArrowRight, Gift, LoaderCircle, Timer, UserRoundCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { HaveAccountLink } from "@/components/auth/have-account-link";
import { BrandMark } from "@/components/ui/brand-mark";

/**
 * The first-visit welcome: what the app does, the free credits and one
 * "Start creating" button. Not a splash: it sits on top of Home and the catalog stays usable.
 */
export function WelcomeCard({
  onStart,
  starting,
  pictures,
  captcha,
}: {
  onStart: () => void;
  starting: boolean;
  /** Up to three thumbnails for the decorative collage on wide screens. */
  pictures: string[];
  /** The Turnstile widget, when it is on (it only shows itself if Cloudflare wants a click). */
  captcha?: ReactNode;
}) {
  const t = useTranslations("onboarding");
  const perks = [
    { icon: Gift, text: t("perkCredits") },
    { icon: UserRoundCheck, text: t("perkNoSignup") },
    { icon: Timer, text: t("perkFast") },
  ];

  return (
    <section
      aria-labelledby="welcome-title"
      className="relative isolate animate-fade-in overflow-hidden rounded-banner bg-surface-card shadow-card ring-1 ring-border-default ring-inset"
    >
      <div
        aria-hidden="true"
        className="absolute -top-28 -right-20 -z-10 size-72 rounded-full bg-brand-primary/25 blur-3xl"
      />
      <div
        aria-hidden="true"
        className="absolute -bottom-32 -left-24 -z-10 size-72 rounded-full bg-accent/15 blur-3xl"
      />

      <div className="grid gap-6 p-5 sm:p-7 md:grid-cols-[minmax(0,1.15fr)_minmax(0,1fr)] md:items-center md:gap-10 md:p-10">
        <div className="flex flex-col gap-4">
          <p className="flex items-center gap-2 text-subheadline font-semibold text-[color-mix(in_srgb,var(--brand-primary)_80%,black)] dark:text-[#a99dff]">
            <BrandMark className="size-6" />
            {t("eyebrow")}
          </p>
          <div className="flex flex-col gap-2">
            <h2
              id="welcome-title"
              className="text-title2 font-bold tracking-tight text-balance sm:text-large-title"
            >
              {t("title")}
            </h2>
            <p className="text-body text-pretty text-text-secondary">{t("body")}</p>
          </div>

          <ul
            aria-label={t("perksLabel")}
            className="flex flex-col gap-2.5 sm:flex-row sm:flex-wrap sm:gap-x-5"
          >
            {perks.map(({ icon: Icon, text }) => (
              <li key={text} className="flex items-center gap-2.5 text-subheadline font-medium">
                <span className="flex size-7 shrink-0 items-center justify-center rounded-full bg-brand-primary/12 text-brand-primary">
                  <Icon aria-hidden="true" className="size-4" strokeWidth={2.25} />
                </span>
                {text}
              </li>
            ))}
          </ul>

          <button
            type="button"
            onClick={onStart}
            disabled={starting}
            aria-busy={starting || undefined}
            className="group mt-2 inline-flex min-h-12 w-full items-center justify-center gap-2 rounded-card bg-brand-primary px-6 text-headline font-semibold text-on-brand shadow-card transition-[box-shadow,transform] hover:shadow-banner active:scale-[0.98] disabled:cursor-progress sm:w-fit sm:min-w-56"
          >
            {starting ? (
              <>
                <LoaderCircle aria-hidden="true" className="size-5 motion-safe:animate-spin" />
                {t("starting")}
              </>
            ) : (
              <>
                {t("start")}
                <ArrowRight
                  aria-hidden="true"
                  className="size-5 transition-transform group-hover:translate-x-0.5"
                  strokeWidth={2.25}
                />
              </>
            )}
          </button>
          {captcha}
          <HaveAccountLink />
        </div>

        {pictures.length > 0 ? <Collage pictures={pictures} /> : null}
      </div>
    </section>
  );
}

/** Three tilted thumbnails, like prints on a table. Wide screens only; decorative. */
function Collage({ pictures }: { pictures: string[] }) {
  const placements = [
    "left-[4%] top-[14%] -rotate-6 z-10",
    "right-[2%] top-[4%] rotate-5 z-20",
    "left-[22%] bottom-[2%] rotate-2 z-30",
  ];
  return (
    <div aria-hidden="true" className="relative hidden aspect-[5/4] md:block">
      {pictures.slice(0, 3).map((src, i) => (
        // biome-ignore lint/performance/noImgElement: local, pre-sized WebP files (decorative).
        <img
          key={src}
          src={src}
          alt=""
          width={640}
          height={360}
          decoding="async"
          className={`absolute w-[64%] rounded-card object-cover shadow-banner ring-4 ring-surface-base ${placements[i]}`}
        />
      ))}
    </div>
  );
}
