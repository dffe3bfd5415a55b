import { Zap } from "lucide-react";
import type { BalanceWords } from "@/lib/i18n/balance-words";
import { CreditBadgeLink } from "./credit-badge-link";

/** The balance pill in a screen's header; its bolt is drawn here, on the server. */
export function CreditBadge({ words }: { words: BalanceWords | null }) {
  return (
    <CreditBadgeLink
      words={words}
      bolt={
        <Zap
          aria-hidden="true"
          className="size-4 fill-brand-primary text-brand-primary group-data-empty:fill-warning group-data-empty:text-warning"
          strokeWidth={2}
        />
      }
    />
  );
}
