"use client";

import { useTranslations } from "next-intl";

/** "N credits": the server's words when it wrote them for this number, else formatted here. */
export function useCreditsText(known: Record<number, string>): (count: number) => string {
  const t = useTranslations("credits");
  return (count) => known[count] ?? t("count", { count });
}
