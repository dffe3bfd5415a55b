import { useTranslations } from "next-intl";
import { BackButton } from "@/components/ui/back-button";
import { toneText } from "@/components/ui/tones";

export const legalDocuments = ["privacy", "terms", "support"] as const;
export type LegalDocumentName = (typeof legalDocuments)[number];

const sections: Record<LegalDocumentName, string[]> = {
  privacy: ["collect", "use", "retention", "processors", "rights"],
  terms: ["service", "credits", "content", "purchases", "changes"],
  support: ["failed", "kept", "credits", "account", "contact"],
};

export const SUPPORT_EMAIL = "support@rendio.ai";

/** One legal or help document: a title, a lead, short titled sections and the contact address. */
export function LegalDocument({ name, updated }: { name: LegalDocumentName; updated: string }) {
  const t = useTranslations("legal");
  return (
    <main
      id="main"
      className="mx-auto flex w-full max-w-2xl flex-col gap-6 px-4 pt-safe pb-12 sm:px-6 md:pt-6"
    >
      <header className="flex flex-col gap-2 pt-2">
        <BackButton fallbackHref="/profile" label={t("back")} />
        <h1 className="text-large-title font-bold tracking-tight text-balance">{t(`${name}.title`)}</h1>
        <p className="text-caption text-text-secondary">{t("updated", { date: updated })}</p>
      </header>
      <p className="text-body text-pretty">{t(`${name}.lead`)}</p>
      {sections[name].map((section) => (
        <section key={section} className="flex flex-col gap-2">
          <h2 className="text-title3 font-semibold">{t(`${name}.sections.${section}.title` as never)}</h2>
          <p className="text-body text-pretty text-text-secondary">
            {t(`${name}.sections.${section}.body` as never)}
          </p>
        </section>
      ))}
      <p className="rounded-card bg-surface-card p-4 text-subheadline ring-1 ring-border-default ring-inset">
        {t.rich("contact", {
          email: SUPPORT_EMAIL,
          mail: (chunks) => (
            // On the card's fill the dark theme's plain brand violet is 4.47:1: the lighter tint reads.
            <a href={`mailto:${SUPPORT_EMAIL}`} className={`font-semibold underline ${toneText.brandOnTint}`}>
              {chunks}
            </a>
          ),
        })}
      </p>
    </main>
  );
}
