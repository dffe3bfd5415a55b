import { Film } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button-link";
import { NotFoundPage } from "@/components/ui/not-found-page";

/** A share page that was taken down, whose video is gone, or that never was: the same answer. */
export default async function SharedVideoNotFound() {
  const t = await getTranslations("share.notFound");
  return (
    <NotFoundPage icon={Film} title={t("title")} body={t("body")}>
      <ButtonLink href="/" className="mt-2">
        {t("cta")}
      </ButtonLink>
    </NotFoundPage>
  );
}
