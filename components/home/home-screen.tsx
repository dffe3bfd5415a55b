"use client";

import { CircleAlert, RefreshCw, SearchX, Sparkles } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { lazy, Suspense, useDeferredValue, useEffect, useId, useState } from "react";
import { markHomeSeen, noteWelcomeShown, welcomeShownInThisPage } from "@/components/onboarding/home-seen";
import { useStartGuest } from "@/components/onboarding/use-start-guest";
import { WelcomeBanner, welcomeBannerId } from "@/components/onboarding/welcome-banner";
import { Banner, bannerActionClass } from "@/components/ui/banner";
import { EmptyState, secondaryButtonClass } from "@/components/ui/empty-state";
import { SearchField } from "@/components/ui/search-field";
import { useCatalog } from "@/lib/api/catalog";
import { useMe } from "@/lib/api/me";
import type { CatalogListing, ListedModel } from "@/lib/contracts/api";
import type { BannerWords } from "./banner-words";
import { cheapestGeneration, creditBanner, searchCatalog, themeHref } from "./catalog";
import type { CatalogCards } from "./catalog-cards";
import { CreditBanner } from "./credit-banners";
import { FeaturedCarousel } from "./featured-carousel";
import { CatalogSkeleton } from "./home-skeleton";

// Only a visitor without a session sees it (the server renders it for them): everyone else's
// first load goes without its code.
const WelcomeCard = lazy(() =>
  import("@/components/onboarding/welcome-card").then((m) => ({ default: m.WelcomeCard })),
);
// Cards for a catalog read in the browser; the first paint's come from the server with the page.
const BrowserModelCard = lazy(() => import("./browser-cards").then((m) => ({ default: m.BrowserModelCard })));
const BrowserThemeCard = lazy(() => import("./browser-cards").then((m) => ({ default: m.BrowserThemeCard })));
// Offered only to a returning person, after the page has loaded: its code loads then too.
const InstallHint = lazy(() =>
  import("@/components/install/install-hint").then((m) => ({ default: m.InstallHint })),
);

/**
 * Home's interactive part: onboarding, banners, search, the featured
 * carousel, theme presets and the model grid. The server passes the catalog it already read
 * (SWR fallback data) and its cards, so the first paint is complete and the cards need no
 * rendering here; the refresh control revalidates it (a catalog read here renders its own cards).
 */
export function HomeScreen({
  initialCatalog,
  initialCards,
  hasSession,
  welcome,
  returning,
  bannerWords,
}: {
  initialCatalog: CatalogListing | null;
  /** The server's cards for `initialCatalog`. */
  initialCards: CatalogCards | null;
  /** Whether the request carried a session (decides the first paint before /api/me answers). */
  hasSession: boolean;
  /** The server's word: this is a new guest's first Home, so the welcome banner shows (once). */
  welcome: boolean;
  /** This browser was on Home with a session before this visit (install prompts may show). */
  returning: boolean;
  /** The server's banner sentences for the balance and catalog it read. */
  bannerWords: BannerWords | null;
}) {
  const t = useTranslations();
  const locale = useLocale();
  const me = useMe();
  const catalog = useCatalog(locale, initialCatalog ?? undefined);
  const onboarding = useStartGuest();
  // Started on this page ("Start creating"), after the server rendered it without a session.
  const [started, setStarted] = useState(false);
  const [welcomeClosed, setWelcomeClosed] = useState(false);
  // Home shown again in the same page life (router cache) keeps the welcome behind it.
  const [welcomeDue] = useState(() => welcome && !welcomeShownInThisPage());
  const [query, setQuery] = useState("");
  const deferredQuery = useDeferredValue(query);

  const user = me.data;
  const signedOut = !user && (me.error?.code === "unauthorized" || !hasSession);
  const cheapest = catalog.data ? cheapestGeneration(catalog.data.models) : undefined;
  const credit = user ? creditBanner(user.credits, cheapest) : null;
  const showWelcomeBanner = !!user && (welcomeDue || started) && !welcomeClosed && credit === null;
  // The server's sentences while the balance and the cheapest video are still the ones it read.
  const serverWords =
    bannerWords && bannerWords.credits === user?.credits && bannerWords.cheapest === cheapest
      ? bannerWords
      : null;

  const hasUser = !!user;
  useEffect(() => {
    if (hasUser) markHomeSeen();
  }, [hasUser]);
  useEffect(() => {
    if (showWelcomeBanner) noteWelcomeShown();
  }, [showWelcomeBanner]);

  // The welcome card (and its button) is gone: focus moves to the banner that replaced it.
  useEffect(() => {
    if (started) document.getElementById(welcomeBannerId)?.focus();
  }, [started]);

  const start = async () => {
    if (await onboarding.start()) setStarted(true);
  };

  const refresh = () => {
    void catalog.mutate();
    if (user) void me.mutate();
  };

  const pictures = (catalog.data?.models ?? [])
    .filter((m) => m.isFeatured)
    .map((m) => m.thumbnailUrl)
    .slice(0, 3);

  return (
    <div className="flex flex-col gap-5">
      {onboarding.error ? (
        <Banner
          tone="error"
          role="alert"
          icon={<CircleAlert strokeWidth={2.25} />}
          title={t("onboarding.errorTitle")}
          onDismiss={onboarding.clearError}
          dismissLabel={t("common.close")}
          action={
            <button
              type="button"
              onClick={start}
              disabled={onboarding.starting}
              className={bannerActionClass("error")}
            >
              {t("common.retry")}
            </button>
          }
        >
          {t(onboarding.error.messageKey)} {t("onboarding.browseHint")}
        </Banner>
      ) : null}

      {signedOut ? (
        <WelcomeCard
          onStart={start}
          starting={onboarding.starting}
          pictures={pictures}
          captcha={onboarding.captcha}
        />
      ) : null}

      <SearchField
        value={query}
        onChange={setQuery}
        labels={{
          label: t("home.searchLabel"),
          placeholder: t("home.searchPlaceholder"),
          clear: t("home.clearSearch"),
        }}
        maxLength={100}
      />

      {showWelcomeBanner && user ? (
        <WelcomeBanner
          credits={user.credits}
          body={serverWords?.welcomeBody}
          onDismiss={() => setWelcomeClosed(true)}
        />
      ) : null}
      {credit && user ? (
        <CreditBanner
          kind={credit}
          credits={user.credits}
          cheapest={cheapest}
          lowBody={serverWords?.lowBody ?? undefined}
        />
      ) : null}
      {/* Never on a first visit, nor in the page life that showed the welcome. */}
      {user && returning && !showWelcomeBanner && !welcomeShownInThisPage() ? (
        // Renders nothing on the server (the offer is decided in the browser): an empty boundary,
        // so the rest of the page hydrates without waiting for this chunk.
        <Suspense>
          <InstallHint ready />
        </Suspense>
      ) : null}

      {catalog.data ? (
        <Catalog
          catalog={catalog.data}
          cards={catalog.data === initialCatalog ? initialCards : null}
          query={deferredQuery}
          onClearQuery={() => setQuery("")}
          refreshing={catalog.isValidating}
          onRefresh={refresh}
          refreshFailed={!!catalog.error}
        />
      ) : catalog.error ? (
        <EmptyState
          role="alert"
          icon={<CircleAlert />}
          title={t("home.errorTitle")}
          action={
            <button
              type="button"
              onClick={refresh}
              disabled={catalog.isValidating}
              className={secondaryButtonClass}
            >
              <RefreshCw
                aria-hidden="true"
                className={`size-4 ${catalog.isValidating ? "motion-safe:animate-spin" : ""}`}
              />
              {t("common.retry")}
            </button>
          }
        >
          {t(catalog.error.messageKey)}
        </EmptyState>
      ) : (
        <CatalogSkeleton />
      )}
    </div>
  );
}

function Catalog({
  catalog,
  cards,
  query,
  onClearQuery,
  refreshing,
  onRefresh,
  refreshFailed,
}: {
  catalog: CatalogListing;
  cards: CatalogCards | null;
  query: string;
  onClearQuery: () => void;
  refreshing: boolean;
  onRefresh: () => void;
  refreshFailed: boolean;
}) {
  const t = useTranslations();
  const locale = useLocale();
  const allId = useId();
  const themesId = useId();
  const searching = query.trim() !== "";
  const categoryLabel = (m: ListedModel) =>
    t(m.category === "image-to-video" ? "home.category.imageToVideo" : "home.category.textToVideo");
  const found = searchCatalog(catalog, query, locale, categoryLabel);
  const featured = catalog.models.filter((m) => m.isFeatured);
  const themes = found.themes
    .map((theme) => ({ theme, href: themeHref(theme, catalog.models) }))
    .filter((item): item is { theme: typeof item.theme; href: string } => item.href !== undefined);
  const nothingFound = searching && found.models.length === 0 && themes.length === 0;
  // While searching, a section with no hits is left out (the themes row the same way).
  const showModels = !searching || found.models.length > 0;

  return (
    <div className="flex flex-col gap-8">
      <p role="status" className="sr-only">
        {searching ? t("home.results", { count: found.models.length + themes.length }) : ""}
      </p>

      {nothingFound ? (
        <EmptyState
          icon={<SearchX />}
          title={t("home.noResultsTitle", { query: query.trim() })}
          action={
            <button type="button" onClick={onClearQuery} className={secondaryButtonClass}>
              {t("home.clearSearch")}
            </button>
          }
        >
          {t("home.noResultsBody")}
        </EmptyState>
      ) : null}

      {!searching && featured.length > 0 ? (
        <FeaturedCarousel models={featured} slides={cards?.featured} />
      ) : null}

      {themes.length > 0 ? (
        <section aria-labelledby={themesId} className="flex flex-col gap-3">
          <div className="flex flex-col gap-0.5">
            <h2 id={themesId} className="text-title3 font-semibold tracking-tight sm:text-title2">
              {t("home.themes")}
            </h2>
            <p className="text-subheadline text-text-secondary">{t("home.themesHint")}</p>
          </div>
          <ul className="-mx-4 flex snap-x snap-mandatory scroll-pl-4 gap-3 overflow-x-auto overscroll-x-contain px-4 pb-1 max-sm:no-scrollbar sm:mx-0 sm:px-0 sm:scroll-pl-0 md:grid md:grid-cols-4 md:gap-x-4 md:gap-y-5 md:overflow-visible md:pb-0">
            {themes.map(({ theme, href }) => (
              <li key={theme.id} className="w-[40%] max-w-48 shrink-0 snap-start md:w-auto md:max-w-none">
                {cards?.themes[theme.id] ?? (
                  <Suspense>
                    <BrowserThemeCard theme={theme} href={href} />
                  </Suspense>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {showModels ? (
        <section aria-labelledby={allId} aria-busy={refreshing || undefined} className="flex flex-col gap-3">
          <div className="flex items-center justify-between gap-3">
            <h2 id={allId} className="text-title3 font-semibold tracking-tight sm:text-title2">
              {t("home.allModels")}
            </h2>
            <button
              type="button"
              onClick={onRefresh}
              disabled={refreshing}
              className="-mr-2 inline-flex min-h-11 items-center gap-2 rounded-full px-3 text-subheadline font-semibold text-text-secondary transition-colors hover:bg-surface-card hover:text-text-primary disabled:opacity-70"
            >
              <RefreshCw
                aria-hidden="true"
                className={`size-[1.125rem] ${refreshing ? "motion-safe:animate-spin" : ""}`}
                strokeWidth={2.25}
              />
              <span className="max-sm:sr-only">{t("home.refresh")}</span>
            </button>
          </div>

          {refreshFailed ? (
            <p role="alert" className="flex items-center gap-2 text-subheadline text-text-secondary">
              <CircleAlert aria-hidden="true" className="size-4 shrink-0 text-error" />
              {t("home.errorTitle")}
            </p>
          ) : null}

          {catalog.models.length === 0 ? (
            <EmptyState icon={<Sparkles />} title={t("home.emptyTitle")}>
              {t("home.emptyBody")}
            </EmptyState>
          ) : found.models.length > 0 ? (
            <ul className="grid grid-cols-2 gap-x-3 gap-y-5 sm:grid-cols-3 sm:gap-x-4 lg:grid-cols-4">
              {found.models.map((model) => (
                <li key={model.id}>
                  {cards?.models[model.id] ?? (
                    <Suspense>
                      <BrowserModelCard model={model} />
                    </Suspense>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
