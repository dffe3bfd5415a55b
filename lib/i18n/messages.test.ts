import IntlMessageFormat from "intl-messageformat";
import { describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import es from "../../messages/es.json";
import tr from "../../messages/tr.json";
import { errorCodes } from "../errors";
import { locales } from "./locale";

const catalogs: Record<(typeof locales)[number], unknown> = { en, tr, es };

/** Nested messages as "a.b.c" -> text; a value that is neither string nor object is kept to fail the tests. */
function flatten(node: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (node === null || typeof node !== "object" || Array.isArray(node)) {
    out.set(prefix, node);
    return out;
  }
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** Names of the {arguments} a message uses, including inside plural/select branches. */
function argumentNames(elements: unknown[], names = new Set<string>()): Set<string> {
  for (const el of elements as { type: number; value?: unknown; options?: object; children?: unknown[] }[]) {
    // Parser element types 1..6 are argument, number, date, time, select, plural.
    if (el.type >= 1 && el.type <= 6 && typeof el.value === "string") names.add(el.value);
    for (const option of Object.values(el.options ?? {}) as { value: unknown[] }[])
      argumentNames(option.value, names);
    if (el.children) argumentNames(el.children, names);
  }
  return names;
}

const flat = Object.fromEntries(locales.map((locale) => [locale, flatten(catalogs[locale])])) as Record<
  (typeof locales)[number],
  Map<string, unknown>
>;

describe("messages", () => {
  it("have exactly the same keys in every locale", () => {
    const english = [...flat.en.keys()].sort();
    expect(english.length).toBeGreaterThan(0);
    for (const locale of locales) expect([...flat[locale].keys()].sort(), locale).toEqual(english);
  });

  it("have text for every error code in the catalogue", () => {
    for (const locale of locales) {
      for (const code of errorCodes)
        expect(flat[locale].get(`errors.${code}`), `${locale} errors.${code}`).toBeTruthy();
    }
  });

  it("have only non-empty strings", () => {
    for (const locale of locales) {
      for (const [key, value] of flat[locale]) {
        expect(typeof value, `${locale} ${key}`).toBe("string");
        expect(String(value).trim(), `${locale} ${key}`).not.toBe("");
      }
    }
  });

  it("parse as ICU and use the same arguments as English", () => {
    for (const locale of locales) {
      for (const [key, value] of flat[locale]) {
        const format = new IntlMessageFormat(String(value), locale);
        const english = new IntlMessageFormat(String(flat.en.get(key)), "en");
        expect([...argumentNames(format.getAst())].sort(), `${locale} ${key}`).toEqual(
          [...argumentNames(english.getAst())].sort(),
        );
      }
    }
  });

  it("pluralise credit counts", () => {
    const count = (locale: string, n: number) =>
      new IntlMessageFormat(String(flat[locale as "en"].get("credits.count")), locale).format({ count: n });
    expect(count("en", 1)).toBe("1 credit");
    expect(count("en", 12)).toBe("12 credits");
    expect(count("tr", 1)).toBe("1 kredi");
    expect(count("tr", 1000)).toBe("1.000 kredi");
    expect(count("es", 1)).toBe("1 crédito");
    expect(count("es", 0)).toBe("0 créditos");
  });
});
