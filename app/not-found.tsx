import { getTranslations } from "next-intl/server";
import { BrandMark } from "@/components/ui/brand-mark";
import { ButtonLink } from "@/components/ui/button-link";

export default async function NotFound() {
  const t = await getTranslations("notFound");

  return (
    <main className="flex flex-1 items-center justify-center pt-safe md:pt-0">
      <div className="flex max-w-md flex-col items-center gap-4 px-4 py-16 text-center">
        <BrandMark className="size-12" />
        <h1 className="text-title2 font-semibold">{t("title")}</h1>
        <p className="text-body text-text-secondary">{t("body")}</p>
        <ButtonLink href="/" className="mt-2">
          {t("backHome")}
        </ButtonLink>
      </div>
    </main>
  );
}
