import { describe, expect, test } from "vitest";
import {
  defaultPack,
  formatChange,
  formatLedgerDate,
  formatPrice,
  initialsOf,
  ledgerTone,
  purchasePollDelayMs,
} from "./credits";

describe("credit formatting", () => {
  test("prices follow the locale's currency format", () => {
    expect(formatPrice(299, "usd", "en")).toBe("$2.99");
    expect(formatPrice(299, "usd", "tr")).toMatch(/^\$2,99$/);
    expect(formatPrice(999, "usd", "es")).toMatch(/^9,99\sUS\$$/);
    expect(formatPrice(1000, "eur", "en")).toBe("€10.00");
  });

  test("changes carry their sign", () => {
    expect(formatChange(50, "en")).toBe("+50");
    expect(formatChange(-4, "en")).toBe("\u22124");
    expect(formatChange(0, "en")).toBe("0");
    expect(formatChange(1250, "tr")).toBe("+1.250");
  });

  test("dates are localized in the given time zone", () => {
    const iso = "2026-11-30T13:05:00.000Z";
    expect(formatLedgerDate(iso, "en", "UTC")).toBe("Nov 30, 2026, 1:05 PM");
    expect(formatLedgerDate(iso, "tr", "UTC")).toBe("30 Kas 2026 13:05");
    expect(formatLedgerDate(iso, "es", "Europe/Madrid")).toMatch(/^30 nov 2026, 14:05$/);
  });

  test("spends and chargebacks read as money out", () => {
    expect(ledgerTone("spend", -4)).toBe("out");
    expect(ledgerTone("chargeback", 0)).toBe("out");
    expect(ledgerTone("purchase", 50)).toBe("in");
    expect(ledgerTone("admin", -3)).toBe("out");
  });

  test("the popular pack is preselected, else the first", () => {
    const packs = [
      { id: "a", isPopular: false },
      { id: "b", isPopular: true },
    ];
    expect(defaultPack(packs)?.id).toBe("b");
    expect(defaultPack([{ id: "a", isPopular: false }])?.id).toBe("a");
    expect(defaultPack([])).toBeUndefined();
  });

  test("initials come from the email's name part", () => {
    expect(initialsOf("ada.lovelace@example.com")).toBe("AL");
    expect(initialsOf("zeynep@example.com")).toBe("ZE");
    expect(initialsOf(null)).toBeNull();
    expect(initialsOf("@x")).toBeNull();
  });

  test("purchase polling backs off to 8 s", () => {
    expect([0, 1, 2, 3, 4, 9].map(purchasePollDelayMs)).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });
});
