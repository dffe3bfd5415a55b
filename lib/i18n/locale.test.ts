import { describe, expect, it } from "vitest";
import { isLocale, matchAcceptLanguage, resolveLocale } from "./locale";

describe("resolveLocale", () => {
  it("uses a valid saved cookie over the browser's languages", () => {
    expect(resolveLocale({ cookie: "es", acceptLanguage: "tr-TR,tr;q=0.9" })).toBe("es");
    expect(resolveLocale({ cookie: " TR ", acceptLanguage: "en" })).toBe("tr");
  });

  it("ignores an unknown or empty cookie", () => {
    expect(resolveLocale({ cookie: "de", acceptLanguage: "tr" })).toBe("tr");
    expect(resolveLocale({ cookie: "", acceptLanguage: "es" })).toBe("es");
    expect(resolveLocale({ cookie: "en-US", acceptLanguage: "es" })).toBe("es");
    expect(resolveLocale({ cookie: "__proto__", acceptLanguage: null })).toBe("en");
  });

  it("falls back to English with nothing usable", () => {
    expect(resolveLocale({})).toBe("en");
    expect(resolveLocale({ cookie: null, acceptLanguage: null })).toBe("en");
    expect(resolveLocale({ acceptLanguage: "de-DE,fr;q=0.8" })).toBe("en");
  });
});

describe("matchAcceptLanguage", () => {
  it("matches region and script tags by their primary language", () => {
    expect(matchAcceptLanguage("tr-TR")).toBe("tr");
    expect(matchAcceptLanguage("es-419")).toBe("es");
    expect(matchAcceptLanguage("EN-gb")).toBe("en");
    expect(matchAcceptLanguage("es_MX")).toBe("es");
  });

  it("orders by q-value, not by position", () => {
    expect(matchAcceptLanguage("en;q=0.5, tr;q=0.9")).toBe("tr");
    expect(matchAcceptLanguage("de, es;q=0.3, en;q=0.2")).toBe("es");
    expect(matchAcceptLanguage("es;q=0.8,tr")).toBe("tr");
  });

  it("keeps header order for equal q-values", () => {
    expect(matchAcceptLanguage("es;q=0.7, tr;q=0.7")).toBe("es");
    expect(matchAcceptLanguage("tr-TR,es-ES")).toBe("tr");
  });

  it("skips languages marked not acceptable with q=0", () => {
    expect(matchAcceptLanguage("en;q=0, tr;q=0.1")).toBe("tr");
    expect(matchAcceptLanguage("tr;q=0")).toBeNull();
  });

  it("skips unsupported languages before a supported one", () => {
    expect(matchAcceptLanguage("fr-CA,fr;q=0.9,de;q=0.8,es;q=0.1")).toBe("es");
  });

  it("survives junk headers", () => {
    for (const header of [
      "",
      " ",
      ",,,",
      ";q=1",
      "*",
      "???",
      "en;q=abc",
      "tr;q=2",
      "es;q=-1",
      "x".repeat(5000),
    ]) {
      expect(matchAcceptLanguage(header)).toBeNull();
    }
    expect(matchAcceptLanguage("garbage!!, tr;q=0.4")).toBe("tr");
    expect(matchAcceptLanguage("en;q=1.000, es;q=0.999")).toBe("en");
  });

  it("does not treat a wildcard as a specific language", () => {
    expect(matchAcceptLanguage("*, es;q=0.5")).toBe("es");
  });
});

describe("isLocale", () => {
  it("accepts only the supported codes", () => {
    expect(isLocale("tr")).toBe(true);
    expect(isLocale("TR")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
    expect(isLocale("toString")).toBe(false);
  });
});
