import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, missingKeys, translate } from "./index.ts";

describe("translate", () => {
  it("uses the locale's catalog and fills parameters", () => {
    expect(translate("en", "home.welcome", { name: "Jan" })).toBe("Welcome, Jan");
    expect(translate("dsb", "home.welcome", { name: "Jan" })).toBe("Witajśo, Jan");
  });

  it("falls back to German for keys Lower Sorbian has not translated", () => {
    const untranslated = missingKeys("dsb");
    expect(untranslated.length).toBeGreaterThan(0);
    const key = untranslated[0]!;
    expect(translate("dsb", key)).toBe(translate("de", key));
  });

  it("has every German key in English", () => {
    expect(missingKeys("en")).toEqual([]);
  });
});

describe("localeFromAcceptLanguage", () => {
  it("picks the best supported language by weight", () => {
    expect(localeFromAcceptLanguage("fr-FR,dsb;q=0.9,en;q=0.8")).toBe("dsb");
    expect(localeFromAcceptLanguage("en-GB,en;q=0.9")).toBe("en");
    expect(localeFromAcceptLanguage("fr")).toBe("de");
    expect(localeFromAcceptLanguage(undefined)).toBe("de");
  });
});
