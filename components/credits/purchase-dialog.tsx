"use client";

import { FlaskConical, Zap } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Dialog, dialogButton } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { toneText } from "@/components/ui/tones";
import { accountApi } from "@/lib/api/account";
import { useCreditProducts } from "@/lib/api/account-hooks";
import type { ApiError } from "@/lib/api/errors";
import type { CreditProduct } from "@/lib/contracts/catalog";
import type { Me } from "@/lib/contracts/user";
import { defaultPack, formatPrice } from "@/lib/format/credits";
import type { Locale } from "@/lib/i18n/locale";
import { rememberCheckout } from "./buy-dialog-state";

type Props = {
  open: boolean;
  onClose: () => void;
  me: Me;
  /** Stripe Checkout is configured; otherwise purchases are labelled test purchases. */
  payments: boolean;
  /** A test purchase was granted: the pack and the balance after it. */
  onPurchased: (pack: CreditProduct, balance: number) => void;
};

/**
 * The PurchaseSheet: the packs from the database with the popular one
 * preselected, prices in the person's currency format; guests are asked to create an account.
 * One Idempotency-Key per chosen pack, so a double click buys once.
 */
export function PurchaseDialog({ open, onClose, me, payments, onPurchased }: Props) {
  const t = useTranslations();
  const locale = useLocale() as Locale;
  const products = useCreditProducts(locale, open);
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState<"buying" | "redirecting" | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const key = useRef<string | null>(null);

  const packs = products.data ?? [];
  const selected = packs.find((p) => p.id === chosen) ?? defaultPack(packs);
  const guest = me.isGuest;

  useEffect(() => {
    if (!open) {
      setChosen(null);
      setError(null);
      key.current = null;
    }
  }, [open]);

  const choose = (id: string) => {
    setChosen(id);
    setError(null);
    key.current = null; // another pack is another purchase
  };

  const buy = async () => {
    if (!selected || busy) return;
    key.current ??= crypto.randomUUID();
    setBusy("buying");
    setError(null);
    try {
      const result = await accountApi.checkout(selected.id, key.current);
      if ("url" in result) {
        setBusy("redirecting");
        rememberCheckout(me.credits);
        window.location.assign(result.url);
        return;
      }
      key.current = null;
      setBusy(null);
      onPurchased(selected, result.credits);
    } catch (failure) {
      setError(failure as ApiError);
      setBusy(null);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={busy !== null}
      title={t("credits.buyTitle")}
      description={t("credits.buySubtitle")}
      closeLabel={t("common.close")}
      testId="purchase-dialog"
    >
      {guest ? (
        <div className="flex flex-col gap-3 rounded-card bg-brand-primary/10 p-4 ring-1 ring-brand-primary/25 ring-inset">
          <p className="text-headline font-semibold">{t("credits.guestTitle")}</p>
          <p className="text-subheadline text-pretty text-text-secondary">{t("credits.guestBody")}</p>
          <Link
            href={`/sign-in?next=${encodeURIComponent("/profile?buy=1")}`}
            className={dialogButton.primary}
          >
            {t("credits.guestAction")}
          </Link>
        </div>
      ) : null}

      {!payments && !guest ? (
        <p className="flex items-start gap-2 rounded-card bg-warning/10 p-3 text-subheadline ring-1 ring-warning/30 ring-inset">
          <FlaskConical aria-hidden="true" className={`mt-0.5 size-4 shrink-0 ${toneText.warning}`} />
          <span>
            <strong className={`font-semibold ${toneText.warning}`}>{t("credits.testBadge")}. </strong>
            {t("credits.testNotice")}
          </span>
        </p>
      ) : null}

      {products.error && !products.data ? (
        <p role="alert" className={`text-subheadline ${toneText.error}`}>
          {t(products.error.messageKey)}
        </p>
      ) : !products.data ? (
        <div role="status" className="flex flex-col gap-2">
          <span className="sr-only">{t("common.loading")}</span>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-16 w-full rounded-card" />
          ))}
        </div>
      ) : (
        <fieldset className="flex flex-col gap-2" disabled={busy !== null}>
          <legend className="sr-only">{t("credits.packsLegend")}</legend>
          {packs.map((pack) => (
            <PackOption
              key={pack.id}
              pack={pack}
              checked={pack.id === selected?.id}
              onChoose={() => choose(pack.id)}
              locale={locale}
            />
          ))}
        </fieldset>
      )}

      {error ? (
        <p role="alert" className={`text-subheadline ${toneText.error}`}>
          {t(error.messageKey)}
        </p>
      ) : null}

      {!guest && selected ? (
        <button type="button" className={dialogButton.primary} onClick={buy} disabled={busy !== null}>
          {busy === "redirecting"
            ? t("credits.redirecting")
            : busy === "buying"
              ? t("credits.buying")
              : t("credits.buyButton", {
                  count: selected.credits,
                  price: formatPrice(selected.priceCents, selected.currency, locale),
                })}
        </button>
      ) : null}

      <p className="text-center text-caption text-text-secondary">
        {t.rich("credits.legalLine", {
          terms: (chunks) => (
            <Link href="/legal/terms" className={`underline ${toneText.brand}`}>
              {chunks}
            </Link>
          ),
          privacy: (chunks) => (
            <Link href="/legal/privacy" className={`underline ${toneText.brand}`}>
              {chunks}
            </Link>
          ),
        })}
      </p>
    </Dialog>
  );
}

function PackOption({
  pack,
  checked,
  onChoose,
  locale,
}: {
  pack: CreditProduct;
  checked: boolean;
  onChoose: () => void;
  locale: Locale;
}) {
  const t = useTranslations("credits");
  const popular = t("popular");
  // The popular pack's own label may say the same as its chip ("Most popular"): said once.
  const label = pack.isPopular && sameWords(pack.label, popular, locale) ? null : pack.label;
  return (
    <label
      className={`relative flex min-h-16 cursor-pointer items-center gap-3 rounded-card px-4 py-3 ring-inset transition-[background-color,box-shadow] has-focus-visible:outline-2 has-focus-visible:outline-brand-primary has-focus-visible:outline-offset-2 ${
        checked
          ? "bg-brand-primary/10 ring-2 ring-brand-primary"
          : "bg-surface-card ring-1 ring-border-default hover:bg-text-secondary/10"
      }`}
      data-popular={pack.isPopular || undefined}
    >
      <input type="radio" name="credit-pack" checked={checked} onChange={onChoose} className="sr-only" />
      <span
        aria-hidden="true"
        className={`flex size-9 shrink-0 items-center justify-center rounded-full ${
          checked ? "bg-brand-primary text-on-brand" : "bg-brand-primary/10 text-brand-primary"
        }`}
      >
        <Zap className="size-4 fill-current" />
      </span>
      <span className="flex min-w-0 flex-1 flex-col">
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-rounded text-headline font-semibold tabular-nums">
            {t("count", { count: pack.credits })}
          </span>
          {pack.isPopular ? (
            <span
              className={`rounded-chip bg-brand-primary/15 px-1.5 py-0.5 text-caption2 font-semibold uppercase tracking-wide ${toneText.brandOnTint}`}
            >
              {popular}
            </span>
          ) : null}
        </span>
        {label ? <span className="text-caption text-pretty text-text-secondary">{label}</span> : null}
      </span>
      <span className="shrink-0 text-headline font-semibold tabular-nums">
        {formatPrice(pack.priceCents, pack.currency, locale)}
      </span>
    </label>
  );
}

function sameWords(a: string, b: string, locale: Locale): boolean {
  return a.trim().toLocaleLowerCase(locale) === b.trim().toLocaleLowerCase(locale);
}
