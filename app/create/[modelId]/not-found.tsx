import { Clapperboard } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button-link";
import { NotFoundPage } from "@/components/ui/not-found-page";

/** An unknown or switched-off model: say so and offer the catalog. */
export default async function ModelNotFound() {
  const t = await getTranslations();
  return (
    <NotFoundPage icon={Clapperboard} title={t("create.notFound.title")} body={t("errors.model_not_found")}>
      <ButtonLink href="/" className="mt-2">
        {t("create.notFound.browse")}
      </ButtonLink>
    </NotFoundPage>
  );
}
