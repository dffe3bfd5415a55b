"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { applyTheme } from "@/components/shell/theme-sync";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { toneText } from "@/components/ui/tones";
import { accountApi } from "@/lib/api/account";
import type { ApiError } from "@/lib/api/errors";
import { useMe } from "@/lib/api/me";
import type { UpdateSettingsRequest } from "@/lib/contracts/account";
import type { Me } from "@/lib/contracts/user";
import type { Locale } from "@/lib/i18n/locale";
import { cardClass, Section } from "./section";

const themes = ["system", "light", "dark"] as const;
const themeIcons = { system: Monitor, light: Sun, dark: Moon } as const;

/**
 * Language and theme, applied at once and saved on the user (PATCH /api/me), so they follow the
 * account. A new language re-renders the server parts too (the route set the locale cookie).
 * `languages` comes from the server, so the locale module stays out of the browser's load.
 */
export function SettingsSection({ me: rendered, languages }: { me: Me; languages: readonly Locale[] }) {
  const t = useTranslations();
  const router = useRouter();
  const { data, mutate } = useMe();
  // What SWR holds (changed at once by a choice below), else the user the server rendered.
  const me = data ?? rendered;
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ApiError | null>(null);

  const save = async (change: UpdateSettingsRequest) => {
    setError(null);
    const previous = me;
    if (change.theme) applyTheme(change.theme);
    void mutate({ ...me, ...change }, { revalidate: false });
    try {
      const saved = await accountApi.updateSettings(change);
      void mutate(saved, { revalidate: false });
      if (change.language) startTransition(() => router.refresh());
    } catch (failure) {
      if (change.theme) applyTheme(previous.theme);
      void mutate(previous, { revalidate: false });
      setError(failure as ApiError);
    }
  };

  return (
    <Section title={t("profile.settingsTitle")}>
      <div className={`${cardClass} flex flex-col gap-5 p-4`} aria-busy={pending}>
        <SegmentedControl
          legend={t("common.language")}
          value={me.language}
          onChange={(language) => void save({ language })}
          options={languages.map((locale) => ({
            value: locale,
            label: <span lang={locale}>{t(`common.languages.${locale}`)}</span>,
          }))}
        />
        <SegmentedControl
          legend={t("theme.label")}
          value={me.theme}
          onChange={(theme) => void save({ theme })}
          options={themes.map((theme) => {
            const Icon = themeIcons[theme];
            return {
              value: theme,
              label: t(`theme.${theme}`),
              icon: <Icon aria-hidden="true" className="size-4 shrink-0" />,
            };
          })}
        />
        <p role="status" className={`min-h-5 text-caption ${error ? toneText.error : "sr-only"}`}>
          {error ? t(error.messageKey) : null}
        </p>
      </div>
    </Section>
  );
}
