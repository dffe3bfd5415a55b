import { IntentLink } from "@/components/ui/intent-link";
import { MaskIcon } from "@/components/ui/mask-icon";
import type { ListedModel } from "@/lib/contracts/api";
import type { CardWords } from "./card-words";
import { modelHref } from "./catalog";
import { CategoryIcon } from "./model-card";
import { Thumbnail } from "./thumbnail";

/** FeaturedCard: picture on top (phones) or beside the text (wide screens). */
export function FeaturedSlide({
  model,
  words,
  eager,
}: {
  model: ListedModel;
  words: CardWords;
  eager: boolean;
}) {
  return (
    <IntentLink
      href={modelHref(model)}
      className="group grid h-full overflow-hidden rounded-banner bg-surface-card shadow-card ring-1 ring-border-default ring-inset transition-transform active:scale-[0.99] md:grid-cols-[minmax(0,1.2fr)_minmax(0,1fr)]"
    >
      <div className="overflow-hidden">
        <Thumbnail
          src={model.thumbnailUrl}
          eager={eager}
          className="h-full transition-transform duration-500 group-hover:scale-[1.02]"
        />
      </div>
      <div className="flex flex-col gap-2 p-4 sm:p-5 md:justify-center md:gap-3 md:p-8">
        <p className="flex items-center gap-1.5 text-caption font-semibold tracking-wide text-text-secondary uppercase">
          <CategoryIcon category={model.category} />
          {words.kind}
        </p>
        <h3 className="text-headline font-semibold text-balance md:text-title2 md:font-bold md:tracking-tight">
          {model.name}
        </h3>
        <p className="line-clamp-2 text-subheadline text-pretty text-text-secondary md:line-clamp-3 md:text-body">
          {model.description}
        </p>
        <div className="mt-1 flex items-center justify-between gap-3 md:mt-3">
          <span className="flex min-w-0 items-center gap-1 text-subheadline font-semibold whitespace-nowrap">
            <MaskIcon name="bolt" className="size-4 text-brand-primary" />
            {words.from}
          </span>
          <span
            aria-hidden="true"
            className="inline-flex h-9 shrink-0 items-center gap-1 rounded-full bg-brand-primary px-3.5 text-subheadline font-semibold text-on-brand shadow-card"
          >
            {words.tryIt}
            <MaskIcon
              name="arrow-right"
              className="size-4 transition-transform group-hover:translate-x-0.5"
            />
          </span>
        </div>
      </div>
    </IntentLink>
  );
}
