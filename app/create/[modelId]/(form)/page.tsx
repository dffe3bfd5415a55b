import { Clock } from "lucide-react";
import type { Metadata } from "next";
import { getImageProps } from "next/image";
import { getLocale, getTranslations } from "next-intl/server";
import { CreateForm } from "@/components/create/create-form";
import { hasCreateQuery, parseCreateQuery } from "@/components/create/create-query";
import { createIcons } from "@/components/create/icons";
import { layerSettings } from "@/components/create/settings";
import { createWords } from "@/components/create/words";
import { MeFallback } from "@/components/shell/me-fallback";
import { BackButton } from "@/components/ui/back-button";
import { CreditBadge } from "@/components/ui/credit-badge";
import { toneText } from "@/components/ui/tones";
import type { Me } from "@/lib/contracts/user";
import { aboutDurationText, aspectRatioValue } from "@/lib/format/job";
import { balanceWords } from "@/lib/i18n/balance-words";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { pageSession } from "@/lib/server/page";
import { getCatalog, videoProviderName } from "@/lib/server/services/catalog";
import { getMe } from "@/lib/server/services/session";
import { loadModel } from "../model";

type Props = {
  params: Promise<{ modelId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { modelId } = await params;
  const model = await loadModel(modelId);
  return { title: model.name, description: model.description };
}

/**
 * Model detail: the generate form. Works for first-time visitors too. Sent whole, not streamed
 * behind a loading skeleton: the model is in memory and the user is one read, so the header and
 * the form are in the HTML as sent and paint without waiting for a boundary revealed by script.
 */
export default async function CreatePage({ params, searchParams }: Props) {
  const { modelId } = await params;
  const [model, locale, session] = await Promise.all([loadModel(modelId), getLocale(), pageSession()]);
  const [catalog, t, me] = await Promise.all([
    getCatalog(locale),
    getTranslations(),
    session ? getMe(session).catch((): Me | null => null) : Promise.resolve(null),
  ]);

  const words = await balanceWords(me);
  const query = parseCreateQuery(await searchParams);
  const linkedTheme = query.themeSlug
    ? catalog.themes.find((theme) => theme.slug === query.themeSlug)
    : undefined;
  const suggested = catalog.themes.filter((theme) => theme.modelId === model.id);
  const themes = linkedTheme && !suggested.includes(linkedTheme) ? [linkedTheme, ...suggested] : suggested;

  const initial = {
    prompt: query.prompt ?? linkedTheme?.prompt ?? "",
    settings: layerSettings(model.inputs, linkedTheme?.defaultSettings, query.settings),
    themeId: linkedTheme?.id ?? null,
    fromLink: hasCreateQuery(query),
  };

  const { props: thumbnail } = getImageProps({
    src: model.thumbnailUrl,
    alt: "",
    width: 640,
    height: 360,
    sizes: "(min-width: 640px) 176px, (min-width: 400px) 112px, 96px",
    priority: true,
    className:
      "aspect-video w-24 shrink-0 rounded-card object-cover shadow-card ring-1 ring-border-default min-[400px]:w-28 sm:w-44",
  });

  return (
    <ClientMessages namespaces={["captcha", "common", "create", "credits", "errors"]}>
      <main id="main" className="mx-auto w-full max-w-5xl px-4 pt-safe sm:px-6 md:pt-0">
        <MeFallback me={me}>
          <div className="flex items-center justify-between gap-2 pt-2 md:pt-6">
            <BackButton fallbackHref="/" label={t("common.back")} />
            <CreditBadge words={words} />
          </div>

          <header className="mt-2 mb-6 flex items-start gap-4">
            {/* biome-ignore lint/performance/noImgElement: next/image's props, computed here (getImageProps), so the browser gets no image component code. */}
            <img {...thumbnail} alt="" />
            <div className="flex min-w-0 flex-col gap-1">
              <span
                className={`w-fit rounded-chip bg-brand-primary/10 px-2 py-0.5 text-caption font-semibold ${toneText.brandOnTint}`}
              >
                {model.category === "image-to-video"
                  ? t("create.page.categoryImageToVideo")
                  : t("create.page.categoryTextToVideo")}
              </span>
              <h1 className="text-title3 leading-tight font-bold tracking-tight text-balance min-[400px]:text-title2">
                {model.name}
              </h1>
              <p className="line-clamp-3 text-subheadline text-pretty text-text-secondary">
                {model.description}
              </p>
              <p
                className="flex items-center gap-1 text-caption text-text-secondary"
                data-testid="usual-time"
              >
                <Clock aria-hidden="true" className="size-3.5 shrink-0" strokeWidth={2.25} />
                {t("create.page.usualTime", {
                  time: aboutDurationText(model.typicalSeconds, (unit, values) =>
                    t(`common.duration.${unit}`, values),
                  ),
                })}
              </p>
            </div>
          </header>

          {/* Part of the page's shell, not a Suspense boundary: a boundary around a client component
              is sent pending (its module and props resolve after the shell is flushed) and shown
              only when React's inline script reveals it. */}
          <CreateForm
            model={model}
            themes={themes}
            initial={initial}
            previewRenderer={videoProviderName() === "local"}
            ratios={Object.fromEntries(model.inputs.aspectRatios.map((a) => [a, aspectRatioValue(a)]))}
            icons={createIcons()}
            words={await createWords(model, me, initial.prompt)}
          />
          <div className="h-6 lg:h-12" />
        </MeFallback>
      </main>
    </ClientMessages>
  );
}
