import type { ListedTheme } from "@/lib/contracts/api";
import { IntentLink } from "../ui/intent-link";
import { Thumbnail } from "./thumbnail";

/** A theme preset: opens its model's form with the theme's prompt and settings filled in. */
export function ThemeCard({ theme, href }: { theme: ListedTheme; href: string }) {
  return (
    <IntentLink
      href={href}
      className="group flex h-full flex-col gap-2 rounded-card outline-offset-4 transition-transform active:scale-[0.98]"
    >
      <div className="overflow-hidden rounded-input shadow-card ring-1 ring-border-default">
        <Thumbnail
          src={theme.thumbnailUrl}
          sizes="(min-width: 768px) 17rem, 40vw"
          className="transition-transform duration-300 group-hover:scale-[1.03]"
        />
      </div>
      <div className="flex flex-col gap-0.5 px-0.5">
        <h3 className="line-clamp-2 text-subheadline leading-snug font-semibold">{theme.name}</h3>
        <p className="line-clamp-2 text-caption text-text-secondary">{theme.description}</p>
      </div>
    </IntentLink>
  );
}
