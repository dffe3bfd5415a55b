import { LogIn } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { toneText } from "@/components/ui/tones";

/**
 * "I already have an account → Sign in", for everyone without an account's session: the welcome
 * card, Profile with no session, and so the screen a sign-out lands on. Its colour keeps 4.5:1 on
 * the welcome card's brand glow in both themes. Signing in brings the
 * account's credits and videos back (and merges a guest's, if any).
 */
export function HaveAccountLink({ className = "" }: { className?: string }) {
  const t = useTranslations("auth.haveAccount");
  return (
    <p className={`flex flex-wrap items-center gap-x-2 gap-y-1 text-subheadline ${className}`}>
      <span className="text-text-secondary">{t("question")}</span>
      <Link
        href="/sign-in"
        className={`inline-flex min-h-11 items-center gap-1.5 font-semibold underline-offset-4 hover:underline ${toneText.brandOnTint}`}
      >
        <LogIn aria-hidden="true" className="size-4 shrink-0" strokeWidth={2.25} />
        {t("signIn")}
      </Link>
    </p>
  );
}
