import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MeFallback } from "@/components/shell/me-fallback";
import { PageHeader } from "@/components/shell/page-header";
import { ProfileSummary } from "@/components/shell/profile-summary";
import type { Me } from "@/lib/contracts/user";
import { pageCookieJar, pageSession } from "@/lib/server/page";
import { getMe } from "@/lib/server/services/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("tab");
  return { title: t("profile"), robots: { index: false } };
}

/** Profile's place in the tab bar: what we know about the user today (balance, language, theme). */
export default async function ProfilePage() {
  const [t, session] = await Promise.all([getTranslations(), pageSession().catch(() => null)]);
  const me = session ? await getMe(await pageCookieJar()).catch((): Me | null => null) : null;
  return (
    <main
      id="main"
      className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 pt-safe pb-10 sm:px-6 md:pt-0"
    >
      <PageHeader title={t("tab.profile")} />
      <MeFallback me={me}>
        <ProfileSummary hasSession={session !== null} />
      </MeFallback>
    </main>
  );
}
