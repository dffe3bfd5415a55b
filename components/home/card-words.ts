import { useTranslations } from "next-intl";
import type { ListedModel } from "@/lib/contracts/api";
import { aboutDurationText } from "@/lib/format/job";

/** A card's words, written by whoever renders it (the server for the first paint, else the browser). */
export type CardWords = { kind: string; from: string; usualTime: string; tryIt: string };

type HomeTranslator = ReturnType<typeof useTranslations<"home">>;
type DurationTranslator = ReturnType<typeof useTranslations<"common.duration">>;

export function cardWords(model: ListedModel, t: HomeTranslator, tDuration: DurationTranslator): CardWords {
  return {
    kind: t(model.category === "image-to-video" ? "category.imageToVideo" : "category.textToVideo"),
    from: t("fromCredits", { count: model.minCredits }),
    usualTime: t("usualTime", { time: aboutDurationText(model.typicalSeconds, tDuration) }),
    tryIt: t("tryIt"),
  };
}

/** The browser's card words, for cards it renders itself (a catalog it read after the first paint). */
export function useCardWords(): (model: ListedModel) => CardWords {
  const t = useTranslations("home");
  const tDuration = useTranslations("common.duration");
  return (model) => cardWords(model, t, tDuration);
}
