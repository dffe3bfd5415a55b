import { X } from "lucide-react";
import type { ReactNode } from "react";
import { toneText } from "./tones";

export type BannerTone = "brand" | "warning" | "error";

type Props = {
  tone: BannerTone;
  icon: ReactNode;
  title: ReactNode;
  children?: ReactNode;
  /** A button or link at the end (use `BannerAction`). */
  action?: ReactNode;
  onDismiss?: () => void;
  dismissLabel?: string;
  /** "alert" for failures that appear after an action; otherwise a labelled region. */
  role?: "alert" | "status" | "region";
  id?: string;
  titleId?: string;
};

const surfaces: Record<BannerTone, string> = {
  brand:
    "bg-linear-135 from-[#5b3ff0] via-[#7b3fe4] to-[#b0389f] text-white shadow-banner ring-1 ring-white/10 ring-inset",
  warning: "bg-warning/10 ring-1 ring-warning/30 ring-inset text-text-primary",
  error: "bg-error/10 ring-1 ring-error/30 ring-inset text-text-primary",
};

const iconWells: Record<BannerTone, string> = {
  brand: "bg-white/20 text-white",
  warning: "bg-warning/15 text-warning",
  error: "bg-error/15 text-error",
};

/**
 * Home's banners: a 16-px-radius card with an icon in a round well,
 * a title, a line of text and an optional action and close button. The brand tone is the only
 * gradient surface; its colours keep white text above 4.5:1 in both themes.
 */
export function Banner({
  tone,
  icon,
  title,
  children,
  action,
  onDismiss,
  dismissLabel,
  role = "region",
  id,
  titleId,
}: Props) {
  const className = `relative flex animate-banner-in gap-3 rounded-banner p-4 ${surfaces[tone]}`;
  const content = (
    <>
      <span
        aria-hidden="true"
        className={`flex size-10 shrink-0 items-center justify-center rounded-full [&>svg]:size-5 ${iconWells[tone]}`}
      >
        {icon}
      </span>
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p id={titleId} className={`text-headline font-semibold text-balance ${onDismiss ? "pr-8" : ""}`}>
          {title}
        </p>
        {children ? (
          <div
            className={`text-subheadline text-pretty ${tone === "brand" ? "text-white" : "text-text-secondary"}`}
          >
            {children}
          </div>
        ) : null}
        {action ? <div className="mt-2 flex flex-wrap gap-2">{action}</div> : null}
      </div>
      {onDismiss ? (
        <button
          type="button"
          onClick={onDismiss}
          aria-label={dismissLabel}
          className={`absolute top-2 right-2 flex size-9 items-center justify-center rounded-full transition-colors ${
            tone === "brand"
              ? "text-white hover:bg-white/15"
              : "text-text-secondary hover:bg-text-secondary/10"
          }`}
        >
          <X aria-hidden="true" className="size-[1.125rem]" strokeWidth={2.5} />
        </button>
      ) : null}
    </>
  );
  if (role === "region") {
    return (
      <section id={id} aria-labelledby={titleId} className={className}>
        {content}
      </section>
    );
  }
  return (
    <div id={id} role={role} className={className}>
      {content}
    </div>
  );
}

/** The capsule button inside a banner, in the banner's tone. */
export function bannerActionClass(tone: BannerTone): string {
  const base =
    "inline-flex min-h-9 items-center justify-center gap-1.5 rounded-full px-4 text-subheadline font-semibold transition-[opacity,transform] active:scale-[0.97] disabled:opacity-60";
  if (tone === "brand") return `${base} bg-white text-[#4b2fd6] hover:opacity-90`;
  if (tone === "warning") return `${base} bg-warning text-[#1e1e1e] hover:opacity-90`;
  return `${base} bg-error/15 ${toneText.error} hover:bg-error/25`;
}
