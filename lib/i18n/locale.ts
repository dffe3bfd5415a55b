export const locales = ["en", "tr", "es"] as const;

export type Locale = (typeof locales)[number];

export const defaultLocale: Locale = "en";

/** Cookie that holds the language the person chose in Profile (next-intl's default cookie name). */
export const localeCookieName = "NEXT_LOCALE";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** Saved setting first, then the browser's languages, then English. */
export function resolveLocale(input: { cookie?: string | null; acceptLanguage?: string | null }): Locale {
  const saved = input.cookie?.trim().toLowerCase();
  if (isLocale(saved)) return saved;
  return matchAcceptLanguage(input.acceptLanguage ?? "") ?? defaultLocale;
}

/** Best supported locale for an Accept-Language header, or null when nothing acceptable matches. */
export function matchAcceptLanguage(header: string): Locale | null {
  const ranges: { tag: string; q: number; index: number }[] = [];
  // Real headers are short; the cap keeps a hostile one from costing anything.
  const parts = header.slice(0, 1024).split(",");
  for (const [index, part] of parts.entries()) {
    const [rawTag = "", ...params] = part.split(";");
    const tag = rawTag.trim().toLowerCase().replaceAll("_", "-");
    if (!/^([a-z]{1,8}(-[a-z0-9]{1,8})*|\*)$/.test(tag)) continue;
    const q = parseQuality(params);
    if (q === null || q === 0) continue;
    ranges.push({ tag, q, index });
  }
  // Highest q first; equal q keeps the header's order.
  ranges.sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    const primary = tag.split("-")[0];
    if (isLocale(primary)) return primary;
  }
  return null;
}

function parseQuality(params: string[]): number | null {
  for (const param of params) {
    const [key = "", value = ""] = param.split("=").map((s) => s.trim());
    if (key.toLowerCase() !== "q") continue;
    if (!/^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value)) return null;
    return Number(value);
  }
  return 1;
}
