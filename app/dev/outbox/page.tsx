import { Inbox } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { OutboxList } from "@/components/auth/outbox-list";
import { getConfig } from "@/lib/server/config";
import { readOutbox } from "@/lib/server/services/auth";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.outbox");
  return { title: t("title"), robots: { index: false } };
}

/** The local mailer's messages, newest first (embedded and postgres modes; 404 on Supabase). */
export default async function OutboxPage() {
  if (!getConfig().devOutbox) notFound();
  const [t, format, messages] = await Promise.all([
    getTranslations("auth.outbox"),
    getFormatter(),
    readOutbox(null),
  ]);
  return (
    <main
      id="main"
      className="mx-auto flex w-full max-w-2xl flex-col gap-6 px-4 pt-safe pb-10 sm:px-6 md:pt-6"
    >
      <header className="flex flex-col gap-2 pt-3">
        <h1 className="flex items-center gap-3 text-large-title font-bold tracking-tight">
          <Inbox aria-hidden="true" className="size-8 text-brand-primary" strokeWidth={2.25} />
          {t("title")}
        </h1>
        <p className="text-body text-pretty text-text-secondary">{t("lead")}</p>
        <Link
          href="/sign-in"
          className="self-start text-subheadline font-semibold underline underline-offset-4"
        >
          {t("signIn")}
        </Link>
      </header>
      {messages.length === 0 ? (
        <p className="rounded-banner bg-surface-card p-5 text-body ring-1 ring-border-default ring-inset">
          {t("empty")}
        </p>
      ) : (
        <OutboxList
          messages={messages.map((m) => ({
            ...m,
            sentAt: format.dateTime(new Date(m.createdAt), { dateStyle: "medium", timeStyle: "medium" }),
          }))}
        />
      )}
    </main>
  );
}
