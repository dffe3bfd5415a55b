import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, type Locale, localeCookieName, resolveLocale } from "./locale";

const loaders: Record<Locale, () => Promise<{ default: Messages }>> = {
  en: () => import("../../messages/en.json"),
  tr: () => import("../../messages/tr.json"),
  es: () => import("../../messages/es.json"),
};

type Messages = typeof import("../../messages/en.json");

// No locale segment in URLs: the locale comes from the saved cookie, then Accept-Language, then "en".
export default getRequestConfig(async ({ locale: explicit }) => {
  let locale: Locale;
  if (isLocale(explicit)) {
    // Someone asked for a specific locale, e.g. getTranslations({ locale: "tr" }).
    locale = explicit;
  } else {
    const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
    locale = resolveLocale({
      cookie: cookieStore.get(localeCookieName)?.value,
      acceptLanguage: headerList.get("accept-language"),
    });
  }
  return { locale, messages: (await loaders[locale]()).default };
});
