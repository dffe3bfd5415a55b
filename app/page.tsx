import { cookies } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { bannerWords } from "@/components/home/banner-words";
import { cardWords } from "@/components/home/card-words";
import { catalogListing, cheapestGeneration } from "@/components/home/catalog";
import { catalogCards } from "@/components/home/catalog-cards";
import { HomeScreen } from "@/components/home/home-screen";
import { HomeHeaderFrame } from "@/components/home/home-skeleton";
import { homeSeenCookie } from "@/components/onboarding/home-seen";
import { MeFallback } from "@/components/shell/me-fallback";
import { CreditBadge } from "@/components/ui/credit-badge";
import type { CatalogResponse } from "@/lib/contracts/api";
import type { Me } from "@/lib/contracts/user";
import { balanceWords } from "@/lib/i18n/balance-words";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { reportError } from "@/lib/server/log/report";
import { pageSession } from "@/lib/server/page";
import { getCatalog } from "@/lib/server/services/catalog";
import { getMe } from "@/lib/server/services/session";
import { isNewGuest } from "@/lib/server/services/welcome";

/**
 * Home. Sent whole, not streamed behind a skeleton: the catalog is in memory and the user is one
 * read, and the featured picture (the largest paint) is then in the HTML as sent, painted without
 * waiting for a streamed boundary to be revealed by script. Hence no <Suspense> around the content
 * (React sends a finished boundary over ~12.8 KB apart and reveals it by script, at least 300 ms
 * after the first paint) and nothing under it that suspends (the cards get their words here).
 */
export default function HomePage() {
  return (
    <ClientMessages
      namespaces={[
        "auth.haveAccount",
        "banner",
        "captcha",
        "common",
        "credits.badge",
        "credits.loading",
        "errors",
        "home",
        "install",
        "onboarding",
      ]}
    >
      <main id="main" className="mx-auto w-full max-w-6xl px-4 pt-safe pb-10 sm:px-6 md:pt-0 md:pb-16">
        <HomeContent />
      </main>
    </ClientMessages>
  );
}

async function HomeContent() {
  const locale = await getLocale();
  const [t, tHome, tDuration, fullCatalog, session] = await Promise.all([
    getTranslations(),
    getTranslations("home"),
    getTranslations("common.duration"),
    getCatalog(locale).catch((error: unknown): CatalogResponse | null => {
      // The browser retries through the API (and shows the error state if that fails too).
      reportError(error, "home: catalog read failed");
      return null;
    }),
    pageSession().catch(() => null),
  ]);
  // The browser gets the catalog as Home lists it, not what only the forms need.
  const catalog = fullCatalog ? catalogListing(fullCatalog) : null;
  const me = session ? await getMe(session).catch((): Me | null => null) : null;
  // Decided here, so the banner is in the page as sent (no shift when the app hydrates): once,
  // on a new guest's first Home with a session; this browser is then marked as returning.
  const returning = (await cookies()).get(homeSeenCookie)?.value === "1";
  const welcome =
    session !== null && me !== null && !returning && (await isNewGuest(session, me).catch(() => false));
  const [words, banners] = await Promise.all([
    balanceWords(me),
    bannerWords(me, catalog ? cheapestGeneration(catalog.models) : undefined),
  ]);

  return (
    <MeFallback me={me}>
      <div className="flex flex-col gap-5">
        <HomeHeaderFrame title={t("app.name")} tagline={t("app.tagline")}>
          <CreditBadge words={words} />
        </HomeHeaderFrame>
        <HomeScreen
          initialCatalog={catalog}
          initialCards={catalog ? catalogCards(catalog, (model) => cardWords(model, tHome, tDuration)) : null}
          hasSession={session !== null}
          welcome={welcome}
          returning={returning}
          bannerWords={banners}
        />
      </div>
    </MeFallback>
  );
}
