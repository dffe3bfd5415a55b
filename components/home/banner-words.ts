import { getTranslations } from "next-intl/server";
import type { Me } from "@/lib/contracts/user";
import { creditBanner } from "./catalog";

/**
 * Home's banner sentences that carry a number, written by the server for the balance and the
 * cheapest video it read. The browser shows them while both are unchanged, so hydrating Home
 * makes no number or plural formatter (the first one loads the language's number data: 35 ms on
 * this machine's desktop Chromium, more on a phone).
 */
export type BannerWords = {
  credits: number;
  cheapest: number | undefined;
  welcomeBody: string;
  lowBody: string | null;
};

export async function bannerWords(me: Me | null, cheapest: number | undefined): Promise<BannerWords | null> {
  if (!me) return null;
  const t = await getTranslations("banner");
  return {
    credits: me.credits,
    cheapest,
    welcomeBody: t("welcomeBody", { count: me.credits }),
    lowBody:
      creditBanner(me.credits, cheapest) === "low"
        ? t("lowBody", { count: me.credits, cost: cheapest ?? me.credits + 1 })
        : null,
  };
}
