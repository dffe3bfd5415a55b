import { UserRound } from "lucide-react";
import { useTranslations } from "next-intl";
import { toneText } from "@/components/ui/tones";
import type { Me } from "@/lib/contracts/user";
import { initialsOf } from "@/lib/format/credits";

/** Who I am: an initials avatar on the brand gradient, the email (or Guest) and what that account is. */
export function ProfileHeader({ me }: { me: Me }) {
  const t = useTranslations("profile");
  const registered = !me.isGuest && me.email !== null;
  const initials = registered ? initialsOf(me.email) : null;
  return (
    <div className="flex items-center gap-4">
      <span
        aria-hidden="true"
        className="flex size-16 shrink-0 items-center justify-center rounded-full bg-linear-135 from-[#5b3ff0] via-[#7b3fe4] to-[#b0389f] font-rounded text-title3 font-semibold text-white shadow-card"
      >
        {initials ?? <UserRound className="size-7" strokeWidth={2} />}
      </span>
      <div className="flex min-w-0 flex-col gap-1">
        <p className="text-headline font-semibold [overflow-wrap:anywhere]" data-testid="profile-name">
          {registered ? me.email : t("guestName")}
        </p>
        {registered ? (
          <span
            data-testid="profile-kind"
            className={`inline-flex w-fit items-center rounded-chip bg-brand-primary/10 px-2 py-0.5 text-caption font-semibold ring-1 ring-brand-primary/25 ring-inset ${toneText.brandOnTint}`}
          >
            {t("kindSignedIn")}
          </span>
        ) : (
          // The name already says Guest: the line says what that means, without a second "Guest".
          <span className="text-caption text-text-secondary">{t("guestLine")}</span>
        )}
      </div>
    </div>
  );
}
