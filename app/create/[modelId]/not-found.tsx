import { Clapperboard } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button-link";

/** An unknown or switched-off model: say so and offer the catalog. */
export default async function ModelNotFound() {
  const t = await getTranslations();
  return (
    <main id="main" className="flex flex-1 items-center justify-center px-4 pt-safe md:pt-0">
      <div className="flex max-w-md flex-col items-center gap-4 py-12 text-center">
        <span className="flex size-14 items-center justify-center rounded-full bg-surface-card text-text-secondary">
          <Clapperboard aria-hidden="true" className="size-7" />
        </span>
        <h1 className="text-title2 font-semibold">{t("create.notFound.title")}</h1>
        <p className="text-body text-pretty text-text-secondary">{t("errors.model_not_found")}</p>
        <ButtonLink href="/" className="mt-2">
          {t("create.notFound.browse")}
        </ButtonLink>
      </div>
    </main>
  );
}
