import { describe, expect, it } from "vitest";
import { acceptSniffed, isPermutation, resolveMentions, safeFileName } from "./rules.ts";
import { contrastRatio, hasSufficientContrast } from "@kreisnetz/shared/schemas/task-details";

const members = [
  { userId: "a", name: "Anna Schulz" },
  { userId: "b", name: "Bernd Krüger" },
  { userId: "c", name: "Anna" },
];

describe("resolveMentions", () => {
  it("finds members named after an @, case-insensitively, and only whole names", () => {
    expect(resolveMentions("Bitte @anna schulz und @Bernd Krügers Team", [], members).ids).toEqual(["a"]);
    expect(resolveMentions("@Anna, kannst du?", [], members).ids).toEqual(["c"]);
  });

  it("keeps explicit picks of members and reports the others as unknown", () => {
    expect(resolveMentions("Hallo", ["b", "x"], members)).toEqual({ ids: ["b"], unknown: ["x"] });
  });
});

describe("acceptSniffed", () => {
  it("accepts allowlisted signatures and refuses others", () => {
    expect(acceptSniffed({ mime: "application/pdf", ext: "pdf" }, new Uint8Array([1]))?.mime).toBe("application/pdf");
    expect(acceptSniffed({ mime: "application/x-msdownload", ext: "exe" }, new Uint8Array([1]))).toBeNull();
  });

  it("treats unsigned bytes as text only when they are clean UTF-8", () => {
    expect(acceptSniffed(undefined, new TextEncoder().encode("Protokoll: Straßenbau\n"))?.mime).toBe("text/plain");
    expect(acceptSniffed(undefined, new Uint8Array([0xff, 0xfe, 0x00]))).toBeNull();
    expect(acceptSniffed(undefined, new Uint8Array([0x41, 0x00, 0x42]))).toBeNull();
    expect(acceptSniffed(undefined, new Uint8Array())).toBeNull();
  });
});

describe("safeFileName", () => {
  it("drops paths, leading dots and control characters", () => {
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("C:\\Temp\\Plan\u0007.pdf")).toBe("Plan.pdf");
    expect(safeFileName(".htaccess")).toBe("htaccess");
    expect(safeFileName("...")).toBe("datei");
  });
});

describe("label contrast", () => {
  it("computes WCAG ratios and refuses colours no text colour can read on", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(hasSufficientContrast("#1d4ed8")).toBe(true);
    expect(hasSufficientContrast("#ffeb3b")).toBe(false);
    expect(hasSufficientContrast("#777777")).toBe(false);
  });
});

describe("isPermutation", () => {
  it("requires every item exactly once", () => {
    expect(isPermutation(["a", "b"], ["b", "a"])).toBe(true);
    expect(isPermutation(["a", "b"], ["a", "a"])).toBe(false);
    expect(isPermutation(["a", "b"], ["a"])).toBe(false);
  });
});
