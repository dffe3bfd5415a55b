import { ChevronLeft } from "lucide-react";
import { BackLink } from "./back-link";

/** The back control of a screen's header: its chevron is drawn here, on the server. */
export function BackButton({ fallbackHref, label }: { fallbackHref: string; label: string }) {
  return (
    <BackLink fallbackHref={fallbackHref} label={label}>
      <ChevronLeft aria-hidden="true" className="size-6" strokeWidth={2.25} />
    </BackLink>
  );
}
