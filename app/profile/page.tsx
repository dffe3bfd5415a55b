import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { ProfileScreen } from "@/components/profile/profile-screen";
import { MeFallback } from "@/components/shell/me-fallback";
import { PageHeader } from "@/components/shell/page-header";
import type { Me } from "@/lib/contracts/user";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { getConfig } from "@/lib/server/config";
import { pageCookieJar, pageSession } from "@/lib/server/page";
import { getMe } from "@/lib/server/services/session";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("profile");
  return { title: t("title"), robots: { index: false } };
}

/** Profile (reference-spec §1.6): the server reads the user so the first paint is complete. */
export default async function ProfilePage() {
  const [t, session] = await Promise.all([getTranslations("profile"), pageSession().catch(() => null)]);
  const me = session ? await getMe(await pageCookieJar()).catch((): Me | null => null) : null;
  const config = getConfig();
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
          <Suspense>
            <ProfileScreen
              hasSession={session !== null}
              version={config.version}
              payments={Boolean(config.stripe)}
            />
          </Suspense>
        </MeFallback>
      </main>
    </ClientMessages>
  );
}
