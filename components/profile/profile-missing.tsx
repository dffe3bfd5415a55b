"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ReactNode, useEffect } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { useMe } from "@/lib/api/me";

/**
 * The request had a session but the server could not read its user: the browser asks GET
 * /api/me. A user that arrives re-renders the page on the server; a session that is gone shows
 * `signedOut`.
 */
export function ProfileMissing({ signedOut }: { signedOut: ReactNode }) {
  const t = useTranslations();
  const router = useRouter();
  const me = useMe();
  const arrived = me.data !== undefined;
  useEffect(() => {
    if (arrived) router.refresh();
  }, [arrived, router]);

  if (me.error?.code === "unauthorized") return signedOut;
  if (me.error) {
    return (
      <p role="alert" className="text-body text-text-secondary">
        {t(me.error.messageKey)}
      </p>
    );
  }
  return (
    <div role="status" className="flex flex-col gap-4">
      <span className="sr-only">{t("common.loading")}</span>
      <div className="flex items-center gap-4">
        <Skeleton className="size-16 rounded-full" />
        <Skeleton className="h-5 w-40" />
      </div>
      <Skeleton className="h-32 w-full rounded-banner" />
      <Skeleton className="h-40 w-full rounded-banner" />
    </div>
  );
}
