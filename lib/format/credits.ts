import type { LedgerKind } from "@/lib/contracts/account";

/** Pure helpers of the credit screens and Profile's ledger (no React, so they are unit-tested). */

// Making an Intl formatter loads the language's data, slow on a phone: each one is made once
// (a ledger formats every row's change and date).
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `number ${locale} ${JSON.stringify(options ?? {})}`;
  let format = formatters.get(id) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    formatters.set(id, format);
  }
  return format;
}

function dateFormat(locale: string, timeZone?: string): Intl.DateTimeFormat {
  const id = `date ${locale} ${timeZone ?? ""}`;
  let format = formatters.get(id) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
    formatters.set(id, format);
  }
  return format;
}

/** A pack's price in the person's language, e.g. "$2.99", "2,99 US$", "$2,99". */
export function formatPrice(cents: number, currency: string, locale: string): string {
  return numberFormat(locale, { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);
}

/** A ledger change with its sign: "+50", "−4" (a real minus sign), "0". */
export function formatChange(change: number, locale: string): string {
  const digits = numberFormat(locale).format(Math.abs(change));
  if (change > 0) return `+${digits}`;
  if (change < 0) return `\u2212${digits}`;
  return digits;
}

/** A ledger date in the person's language and time zone, e.g. "30 Nov 2026, 14:05". */
export function formatLedgerDate(iso: string, locale: string, timeZone?: string): string {
  return dateFormat(locale, timeZone).format(new Date(iso));
}

/** Credits going out read as a cost; everything else as money in. */
export function ledgerTone(kind: LedgerKind, change: number): "in" | "out" {
  return change < 0 || kind === "spend" || kind === "chargeback" ? "out" : "in";
}

/** The pack to preselect: the popular one, else the first. */
export function defaultPack<T extends { id: string; isPopular: boolean }>(packs: T[]): T | undefined {
  return packs.find((p) => p.isPopular) ?? packs[0];
}

/** Initials for the avatar: two letters from an email's name part ("ada.lovelace@x" → "AL"). */
export function initialsOf(email: string | null): string | null {
  const name = email?.split("@")[0]?.trim();
  if (!name) return null;
  const parts = name.split(/[._\-+\s]+/).filter(Boolean);
  const letters = parts.length > 1 ? `${parts[0]?.[0] ?? ""}${parts[1]?.[0] ?? ""}` : name.slice(0, 2);
  return letters.toLocaleUpperCase() || null;
}

/** Polling delays while waiting for a paid checkout's credits: 1, 2, 4, 8 s, then 8 s. */
export function purchasePollDelayMs(attempt: number): number {
  return Math.min(8, 2 ** attempt) * 1000;
}

/** How long the return page waits for the webhook before saying the payment is still processing. */
export const PURCHASE_WAIT_MS = 60_000;
