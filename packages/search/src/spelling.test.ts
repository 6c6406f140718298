import { describe, expect, it } from "vitest";
import { bestSpelling, correctedQuery, wordAtByte } from "./spelling.ts";

describe("wordAtByte", () => {
  it("takes the whole word at a byte offset, counting multi-byte letters as bytes", () => {
    expect(wordAtByte("Urlaubsantrag im Portal", 0)).toBe("Urlaubsantrag");
    // "Šćěpan " is 10 bytes in UTF-8 (Š ć ě are two bytes each).
    expect(wordAtByte("Šćěpan Łužyca", 10)).toBe("Łužyca");
    expect(wordAtByte("a, b", 1)).toBeNull();
  });
});

describe("bestSpelling", () => {
  it("picks the form matched most often, weighting titles, of a plausible length", () => {
    const text = "Urlaubsantrag stellen";
    expect(
      bestSpelling("Urlaubsantarg", [
        { text, startByte: 0, weight: 2 },
        { text: "Urlaubsantragsformular ausfüllen", startByte: 0, weight: 2 },
        { text: "der urlaubsantrag", startByte: 4, weight: 1 },
      ]),
    ).toBe("Urlaubsantrag");
    expect(bestSpelling("Urlaub", [{ text: "Urlaubsantragsformular", startByte: 0, weight: 2 }])).toBeNull();
    expect(bestSpelling("Foo", [])).toBeNull();
  });
});

describe("correctedQuery", () => {
  it("replaces words, keeps short ones, drops unknown ones, and is null when nothing changes", () => {
    expect(correctedQuery(["Urlaubsantarg", "im", "Raumschiffwerft"], ["Urlaubsantrag", null, null])).toBe(
      "Urlaubsantrag im",
    );
    expect(correctedQuery(["Urlaubsantrag"], ["urlaubsantrag"])).toBeNull();
    expect(correctedQuery(["Raumschiffwerft"], [null])).toBeNull();
    expect(correctedQuery(["im", "Raumschiffwerft"], [null, null])).toBeNull();
  });
});
