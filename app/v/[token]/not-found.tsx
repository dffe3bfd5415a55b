import { Film } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button-link";

/** A share page that was taken down, whose video is gone, or that never was: the same answer. */
export default async function SharedVideoNotFound() {
  const t = await getTranslations("share.notFound");
  return (
    <main id="main" className="flex flex-1 items-center justify-center px-4 pt-safe md:pt-0">
      <div className="flex max-w-md flex-col items-center gap-4 py-12 text-center">
        <span className="flex size-14 items-center justify-center rounded-full bg-surface-card text-text-secondary">
          <Film aria-hidden="true" className="size-7" />
        </span>
        <h1 className="text-title2 font-semibold">{t("title")}</h1>
        <p className="text-body text-pretty text-text-secondary">{t("body")}</p>
        <ButtonLink href="/" className="mt-2">
          {t("cta")}
        </ButtonLink>
      </div>
    </main>
  );
}
