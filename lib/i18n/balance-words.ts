import { getLocale, getTranslations } from "next-intl/server";
import type { Me } from "@/lib/contracts/user";

/**
 * A balance's words as the server writes them: the number in the person's language, the balance
 * pill's label and "N credits". Islands show these while the balance is still the one the server
 * read, so the browser makes no number or plural formatter on arrival (slow on a phone).
 */
export type BalanceWords = { credits: number; amount: string; badge: string; count: string };

/** The words for the user the server read (none without one). */
export async function balanceWords(me: Me | null): Promise<BalanceWords | null> {
  if (!me) return null;
  const [t, locale] = await Promise.all([getTranslations("credits"), getLocale()]);
  return {
    credits: me.credits,
    amount: me.credits.toLocaleString(locale),
    badge: t("badge", { count: me.credits }),
    count: t("count", { count: me.credits }),
  };
}
