import type { ListedModel } from "@/lib/contracts/api";
import { IntentLink } from "../ui/intent-link";
import { MaskIcon } from "../ui/mask-icon";
import { toneText } from "../ui/tones";
import type { CardWords } from "./card-words";
import { modelHref } from "./catalog";
import { Thumbnail } from "./thumbnail";

/** GridCard: 16:9 picture, name (two lines at most), kind and price. */
export function ModelCard({ model, words }: { model: ListedModel; words: CardWords }) {
  return (
    <IntentLink
      href={modelHref(model)}
      className="group flex h-full flex-col gap-2 rounded-card outline-offset-4 transition-transform active:scale-[0.98]"
    >
      <div className="relative overflow-hidden rounded-input shadow-card ring-1 ring-border-default">
        <Thumbnail
          src={model.thumbnailUrl}
          sizes="(min-width: 1024px) 17rem, (min-width: 640px) 33vw, 50vw"
          className="transition-transform duration-300 group-hover:scale-[1.03]"
        />
      </div>
      <div className="flex flex-col gap-1 px-0.5">
        <h3 className="line-clamp-2 text-subheadline leading-snug font-semibold text-pretty sm:text-headline sm:leading-snug">
          {model.name}
        </h3>
        <p className="flex items-center gap-1 text-caption text-text-secondary">
          <CategoryIcon category={model.category} />
          {words.kind}
        </p>
        <p className="flex items-center gap-1 text-caption text-text-secondary" data-testid="usual-time">
          <MaskIcon name="clock" className="size-3.5" />
          {words.usualTime}
        </p>
        <p className={`flex items-center gap-1 text-caption font-semibold ${toneText.brand}`}>
          <MaskIcon name="bolt" className="size-3.5" />
          {words.from}
        </p>
      </div>
    </IntentLink>
  );
}

export function CategoryIcon({ category }: { category: ListedModel["category"] }) {
  return <MaskIcon name={category === "image-to-video" ? "image" : "text"} className="size-3.5" />;
}
