import type en from "../../messages/en.json";
import type { Locale } from "./locale";

// Typed keys for t("...") and a typed useLocale(); English is the reference key set.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
