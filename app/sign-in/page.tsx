import { ShieldCheck } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AppleButton } from "@/components/auth/apple-button";
import { DevOutboxHint } from "@/components/auth/dev-outbox-hint";
import { SignInFlow } from "@/components/auth/sign-in-flow";
import { BackButton } from "@/components/ui/back-button";
import { safeNextPath } from "@/lib/contracts/auth";
import { isErrorCode } from "@/lib/errors";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { getConfig } from "@/lib/server/config";
import { pageSession } from "@/lib/server/page";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<{ next?: string | string[]; error?: string | string[] }> };

/** Create an account or sign in; `?next=` is where to go afterwards. */
export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : null);
  const providerError = typeof params.error === "string" && isErrorCode(params.error) ? params.error : null;
  const [t, session] = await Promise.all([getTranslations(), pageSession().catch(() => null)]);
  const config = getConfig();

  return (
    <ClientMessages namespaces={["auth", "captcha", "errors"]}>
      <main
        id="main"
        className="mx-auto flex w-full max-w-md flex-col gap-6 px-4 pt-safe pb-10 sm:px-6 md:pt-6"
      >
        <div className="flex items-center gap-1 pt-2">
          <BackButton fallbackHref={next} label={t("common.back")} />
        </div>
        <header className="flex flex-col gap-2">
          <h1 className="text-large-title font-bold tracking-tight text-balance">{t("auth.heading")}</h1>
          <p className="text-body text-pretty text-text-secondary">{t("auth.lead")}</p>
          {session?.isAnonymous ? (
            <p className="flex items-center gap-2 text-subheadline font-medium text-text-secondary">
              <ShieldCheck aria-hidden="true" className="size-4 shrink-0 text-success" strokeWidth={2.25} />
              {t("auth.guestNote")}
            </p>
          ) : null}
        </header>

        {providerError ? (
          <p
            role="alert"
            className="rounded-input bg-error/10 px-3 py-2.5 text-subheadline ring-1 ring-error/30 ring-inset"
          >
            {t(`errors.${providerError}`)}
          </p>
        ) : null}

        <section className="flex flex-col gap-4 rounded-banner bg-surface-base p-0 sm:bg-surface-card sm:p-6 sm:shadow-card sm:ring-1 sm:ring-border-default sm:ring-inset">
          <SignInFlow next={next} />
          {config.appleSignIn ? (
            <>
              <div className="flex items-center gap-3 text-caption font-semibold text-text-secondary uppercase">
                <span aria-hidden="true" className="h-px flex-1 bg-border-default" />
                {t("auth.or")}
                <span aria-hidden="true" className="h-px flex-1 bg-border-default" />
              </div>
              <AppleButton next={next} />
            </>
          ) : null}
        </section>

        {config.devOutbox && !config.smtp ? <DevOutboxHint /> : null}
      </main>
    </ClientMessages>
  );
}
