import { Clock, Image as ImageIcon, Type, Zap } from "lucide-react";
import { useTranslations } from "next-intl";
import { aboutDurationText } from "@/components/result/format";
import type { CatalogModel } from "@/lib/contracts/api";
import { IntentLink } from "../ui/intent-link";
import { toneText } from "../ui/tones";
import { modelHref } from "./catalog";
import { Thumbnail } from "./thumbnail";

/** GridCard: 16:9 picture, name (two lines at most), kind and price. */
export function ModelCard({ model }: { model: CatalogModel }) {
  const t = useTranslations("home");
  const tDuration = useTranslations("common.duration");
  return (
    <IntentLink
      href={modelHref(model)}
      className="group flex h-full flex-col gap-2 rounded-card outline-offset-4 transition-transform active:scale-[0.98]"
    >
      <div className="relative overflow-hidden rounded-input shadow-card ring-1 ring-border-default">
        <Thumbnail
          src={model.thumbnailUrl}
          className="transition-transform duration-300 group-hover:scale-[1.03]"
        />
      </div>
      <div className="flex flex-col gap-1 px-0.5">
        <h3 className="line-clamp-2 text-subheadline leading-snug font-semibold text-pretty sm:text-headline sm:leading-snug">
          {model.name}
        </h3>
        <p className="flex items-center gap-1 text-caption text-text-secondary">
          <CategoryIcon category={model.category} />
          {t(model.category === "image-to-video" ? "category.imageToVideo" : "category.textToVideo")}
        </p>
        <p className="flex items-center gap-1 text-caption text-text-secondary" data-testid="usual-time">
          <Clock aria-hidden="true" className="size-3.5 shrink-0" strokeWidth={2.25} />
          {t("usualTime", { time: aboutDurationText(model.typicalSeconds, tDuration) })}
        </p>
        <p className={`flex items-center gap-1 text-caption font-semibold ${toneText.brand}`}>
          <Zap aria-hidden="true" className="size-3.5 shrink-0 fill-current" strokeWidth={2} />
          {t("fromCredits", { count: model.minCredits })}
        </p>
      </div>
    </IntentLink>
  );
}

export function CategoryIcon({ category }: { category: CatalogModel["category"] }) {
  const Icon = category === "image-to-video" ? ImageIcon : Type;
  return <Icon aria-hidden="true" className="size-3.5 shrink-0" strokeWidth={2.25} />;
}
