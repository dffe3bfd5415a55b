import { useTranslations } from "next-intl";
import { HaveAccountLink } from "@/components/auth/have-account-link";
import { InstallRow } from "@/components/install/install-row";
import { ButtonLink } from "@/components/ui/button-link";
import type { LedgerPage } from "@/lib/contracts/account";
import type { Me } from "@/lib/contracts/user";
import type { BalanceWords } from "@/lib/i18n/balance-words";
import { locales } from "@/lib/i18n/locale";
import { AboutSection } from "./about-section";
import { AccountSection } from "./account-section";
import { ProfileCredits } from "./profile-credits";
import { ProfileHeader } from "./profile-header";
import { ProfileMissing } from "./profile-missing";
import { SettingsSection } from "./settings-section";

type Props = {
  /** The user the server read; null without a session, or when the read failed. */
  me: Me | null;
  hasSession: boolean;
  firstLedgerPage: LedgerPage | null;
  /** The balance's words for `me` (balance-words.ts). */
  balance: BalanceWords | null;
  version: string;
  /** Stripe Checkout is configured (otherwise purchases are test purchases). */
  payments: boolean;
};

/**
 * Profile: who I am, credits and their history, account, settings, legal.
 * Rendered on the server; the credits, account and settings controls are the browser's islands.
 */
export function ProfileScreen({ me, hasSession, firstLedgerPage, balance, version, payments }: Props) {
  if (!hasSession) return <SignedOut />;
  if (!me) return <ProfileMissing signedOut={<SignedOut />} />;
  return (
    <div className="flex flex-col gap-6">
      <ProfileHeader me={me} />
      {/* In the page as sent: its search-params read does not suspend on this dynamic page. */}
      <ProfileCredits payments={payments} firstLedgerPage={firstLedgerPage} balance={balance} />
      <AccountSection me={me} />
      <SettingsSection me={me} languages={locales} />
      <InstallRow />
      <AboutSection version={version} />
    </div>
  );
}

/** No one is signed in here: start as a guest, or sign in. */
function SignedOut() {
  const t = useTranslations("nav.profile");
  return (
    <div className="flex flex-col items-start gap-4 rounded-banner bg-surface-card p-5 ring-1 ring-border-default ring-inset">
      <p className="text-body text-pretty">{t("signedOut")}</p>
      <ButtonLink href="/">{t("start")}</ButtonLink>
      <HaveAccountLink />
    </div>
  );
}
