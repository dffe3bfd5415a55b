import { ChevronRight, FileText, LifeBuoy, ShieldCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { IntentLink } from "@/components/ui/intent-link";
import { cardClass, IconWell, rowClass, Section } from "./section";

const documents = [
  { href: "/legal/privacy", label: "legalPrivacy", icon: ShieldCheck },
  { href: "/legal/terms", label: "legalTerms", icon: FileText },
  { href: "/legal/support", label: "legalSupport", icon: LifeBuoy },
] as const;

/** Legal pages (internal, localized routes) and the app version. */
export function AboutSection({ version }: { version: string }) {
  const t = useTranslations("profile");
  return (
    <Section title={t("aboutTitle")}>
      <nav aria-label={t("aboutTitle")} className={`${cardClass} divide-y divide-border-default`}>
        {documents.map(({ href, label, icon: Icon }) => (
          <IntentLink key={href} href={href} className={rowClass}>
            <IconWell>
              <Icon />
            </IconWell>
            <span className="flex-1">{t(label)}</span>
            <ChevronRight aria-hidden="true" className="size-5 text-text-secondary" />
          </IntentLink>
        ))}
      </nav>
      <p className="px-1 pt-2 text-center text-caption text-text-secondary" data-testid="app-version">
        {t("version", { version })}
      </p>
    </Section>
  );
}
