import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProfileScreen } from "@/components/profile/profile-screen";
import { MeFallback } from "@/components/shell/me-fallback";
import { PageHeader } from "@/components/shell/page-header";
import type { Me } from "@/lib/contracts/user";
import { balanceWords } from "@/lib/i18n/balance-words";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { getConfig } from "@/lib/server/config";
import { reportError } from "@/lib/server/log/report";
import { pageSession } from "@/lib/server/page";
import { listLedger } from "@/lib/server/services/credits";
import { getMe } from "@/lib/server/services/session";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("profile");
  return { title: t("title"), robots: { index: false } };
}

/**
 * Profile: the server reads the user and the newest credit history, and
 * renders the screen, so the first paint is complete.
 */
export default async function ProfilePage() {
  const [t, session] = await Promise.all([getTranslations("profile"), pageSession().catch(() => null)]);
  const [me, firstLedgerPage] = session
    ? await Promise.all([
        getMe(session).catch((): Me | null => null),
        // The page the browser asks for first (LEDGER_PAGE_SIZE in lib/api/account.ts).
        listLedger(session, { limit: 20, cursor: null }).catch((error: unknown) => {
          // The browser asks GET /api/credits/ledger instead.
          reportError(error, "profile: ledger read failed");
          return null;
        }),
      ])
    : [null, null];
  const config = getConfig();
  const balance = await balanceWords(me);
  return (
    <ClientMessages
      namespaces={["auth", "common", "credits", "errors", "install", "nav", "profile", "theme"]}
    >
      <main
        id="main"
        className="mx-auto flex w-full max-w-2xl flex-col gap-6 px-4 pt-safe pb-10 sm:px-6 md:pt-0"
      >
        <PageHeader title={t("title")} />
        <MeFallback me={me}>
          {/* No Suspense boundary: React sends a finished boundary over 12,800 bytes hidden,
              after the shell, for a script to reveal; without one the screen is painted with the
              page. Hydration still yields (Next hydrates in a transition). */}
          <ProfileScreen
            me={me}
            hasSession={session !== null}
            firstLedgerPage={firstLedgerPage}
            balance={balance}
            version={config.version}
            payments={Boolean(config.stripe)}
          />
        </MeFallback>
      </main>
    </ClientMessages>
  );
}
