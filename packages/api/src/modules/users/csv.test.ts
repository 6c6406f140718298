import { CSV_IMPORT_MAX_BYTES, CSV_IMPORT_MAX_ROWS } from "@kreisnetz/shared/schemas/users";
import { describe, expect, it } from "vitest";
import { detectDelimiter, parseRoles, parseStaffCsv, validateStaffRows, type TCsvLookups } from "./csv.ts";

const HEADER = "email;name;unit_code;roles;job_title";

describe("detectDelimiter", () => {
  it("prefers the separator that occurs most in the header, ignoring quoted text", () => {
    expect(detectDelimiter("email;name;unit_code\nx,y,z")).toBe(";");
    expect(detectDelimiter("email,name,unit_code\n")).toBe(",");
    expect(detectDelimiter('"e;m;a;i;l",name,unit_code')).toBe(",");
    expect(detectDelimiter("email\tname\tunit_code")).toBe("\t");
    expect(detectDelimiter("\uFEFFemail,name")).toBe(",");
    expect(detectDelimiter("email")).toBe(";");
  });
});

describe("parseStaffCsv", () => {
  it("reads a German Excel export: semicolons, BOM, CRLF, quoted fields with separators", () => {
    const text =
      "\uFEFF" +
      [HEADER, 'anna.schulz@lkspn.de;"Schulz; Anna";ADV;STAFF|EDITOR;"Sachbearbeiterin ""IT"""', "", ";;;;"].join(
        "\r\n",
      );
    const rows = parseStaffCsv(text);
    expect(rows).toEqual([
      {
        line: 2,
        email: "anna.schulz@lkspn.de",
        name: "Schulz; Anna",
        unitCode: "ADV",
        roles: "STAFF|EDITOR",
        jobTitle: 'Sachbearbeiterin "IT"',
      },
    ]);
  });

  it("reads comma-separated files, a quoted roles list and optional columns in any order", () => {
    const rows = parseStaffCsv('Name,E-Mail,Einheit\nJan Nowak,JAN@lkspn.de,fb-70\n"Lena Kral",lena@lkspn.de,ADV\n');
    expect(rows.map((r) => [r.line, r.email, r.name, r.unitCode, r.roles, r.jobTitle])).toEqual([
      [2, "JAN@lkspn.de", "Jan Nowak", "fb-70", "", ""],
      [3, "lena@lkspn.de", "Lena Kral", "ADV", "", ""],
    ]);
    const quoted = parseStaffCsv('email,name,unit_code,roles\na@lkspn.de,Anna A,ADV,"STAFF,LEADERSHIP"\n');
    expect(quoted[0]!.roles).toBe("STAFF,LEADERSHIP");
  });

  it("names missing columns and refuses duplicate ones", () => {
    expect(() => parseStaffCsv("email;name\na@b.de;Anna")).toThrow(
      expect.objectContaining({
        code: "BAD_INPUT",
        messageKey: "csv.error.missingColumns",
        params: { columns: "unit_code" },
      }),
    );
    expect(() => parseStaffCsv("email;name;unit_code;E-Mail\n")).toThrow(
      expect.objectContaining({ messageKey: "csv.error.duplicateColumn", params: { column: "email" } }),
    );
  });

  it("refuses empty files, files with only a header, unclosed quotes, too many rows and too many bytes", () => {
    expect(() => parseStaffCsv("")).toThrow(expect.objectContaining({ messageKey: "csv.error.empty" }));
    expect(() => parseStaffCsv(`${HEADER}\n\n`)).toThrow(expect.objectContaining({ messageKey: "csv.error.empty" }));
    expect(() => parseStaffCsv(`${HEADER}\na@b.de;"Anna;ADV;;\n`)).toThrow(
      expect.objectContaining({ messageKey: "csv.error.malformed", params: { line: 2 } }),
    );
    const many = [HEADER, ...Array.from({ length: CSV_IMPORT_MAX_ROWS + 1 }, (_, i) => `p${i}@b.de;Person;ADV;;`)];
    expect(() => parseStaffCsv(many.join("\n"))).toThrow(
      expect.objectContaining({
        messageKey: "csv.error.tooManyRows",
        params: { count: CSV_IMPORT_MAX_ROWS + 1, max: CSV_IMPORT_MAX_ROWS },
      }),
    );
    // Under the character limit of the input schema, over the byte limit: umlauts take two bytes.
    const bulky = `${HEADER}\n` + "ä".repeat(CSV_IMPORT_MAX_BYTES / 2 + 10);
    expect(bulky.length).toBeLessThan(CSV_IMPORT_MAX_BYTES);
    expect(() => parseStaffCsv(bulky)).toThrow(
      expect.objectContaining({ messageKey: "csv.error.tooLarge", params: { max: "1 MiB" } }),
    );
  });

  it("accepts exactly the maximum number of rows", () => {
    const rows = [HEADER, ...Array.from({ length: CSV_IMPORT_MAX_ROWS }, (_, i) => `p${i}@b.de;Person;ADV;;`)];
    expect(parseStaffCsv(rows.join("\n"))).toHaveLength(CSV_IMPORT_MAX_ROWS);
  });
});

describe("parseRoles", () => {
  it("accepts enum names and German labels, separated by comma or pipe, case-insensitive", () => {
    expect(parseRoles("")).toEqual({ roles: ["STAFF"], unknown: [] });
    expect(parseRoles("Redaktion | staff")).toEqual({ roles: ["STAFF", "EDITOR"], unknown: [] });
    expect(parseRoles("Leitung,ADMINISTRATION,Mitarbeitende")).toEqual({
      roles: ["STAFF", "LEADERSHIP", "ADMIN"],
      unknown: [],
    });
    expect(parseRoles("STAFF|Chef")).toEqual({ roles: ["STAFF"], unknown: ["Chef"] });
  });
});

describe("validateStaffRows", () => {
  const lookups: TCsvLookups = {
    units: new Map([
      ["ADV", { id: "unit-adv", dissolved: false }],
      ["ALT", { id: "unit-alt", dissolved: true }],
    ]),
    existingEmails: new Set(["vorhanden@lkspn.de"]),
  };
  const row = (line: number, over: Partial<Record<"email" | "name" | "unitCode" | "roles" | "jobTitle", string>>) => ({
    line,
    email: "neu@lkspn.de",
    name: "Neue Person",
    unitCode: "adv",
    roles: "",
    jobTitle: "",
    ...over,
  });

  it("marks good rows new with a resolved unit and default role", () => {
    const [result] = validateStaffRows([row(2, { email: " Neu@LKSPN.de " })], lookups);
    expect(result).toEqual({
      line: 2,
      email: "neu@lkspn.de",
      name: "Neue Person",
      unitCode: "ADV",
      unitId: "unit-adv",
      roles: ["STAFF"],
      jobTitle: null,
      status: "new",
      errors: [],
    });
  });

  it("reports every problem of a row with its field and catalog key", () => {
    const results = validateStaffRows(
      [
        row(2, { email: "a@lkspn.de" }),
        row(3, { email: "A@lkspn.de" }),
        row(4, { email: "kein-at-zeichen", name: "X", unitCode: "NIX", roles: "Chef|STAFF" }),
        row(5, { email: "vorhanden@lkspn.de", unitCode: "ALT" }),
        row(6, { email: "", unitCode: "", jobTitle: "x".repeat(121) }),
      ],
      lookups,
    );
    expect(results.map((r) => r.status)).toEqual(["new", "error", "error", "error", "error"]);
    expect(results[1]!.errors).toEqual([{ field: "email", key: "csv.error.duplicateInFile", params: { line: 2 } }]);
    expect(results[2]!.errors).toEqual([
      { field: "email", key: "validation.email", params: {} },
      { field: "name", key: "validation.tooShort", params: { min: 2 } },
      { field: "unitCode", key: "csv.error.unknownUnit", params: { code: "NIX" } },
      { field: "roles", key: "csv.error.unknownRole", params: { role: "Chef" } },
    ]);
    expect(results[3]!.errors.map((e) => e.key)).toEqual(["csv.error.emailExists", "csv.error.unitDissolved"]);
    expect(results[3]!.unitId).toBeNull();
    expect(results[4]!.errors.map((e) => [e.field, e.key])).toEqual([
      ["email", "validation.required"],
      ["unitCode", "validation.required"],
      ["jobTitle", "validation.tooLong"],
    ]);
  });
});
