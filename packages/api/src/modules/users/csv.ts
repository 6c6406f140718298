import { parse } from "csv-parse/sync";
import { AppError } from "@kreisnetz/shared/errors";
import type { MessageKey, TParams } from "@kreisnetz/shared/i18n";
import { ROLES, type TRole } from "@kreisnetz/shared/permissions";
import { ZEmail, ZPersonName } from "@kreisnetz/shared/schemas/common";
import { CSV_IMPORT_MAX_BYTES, CSV_IMPORT_MAX_ROWS } from "@kreisnetz/shared/schemas/users";
import { issueToMessage } from "@kreisnetz/shared/zod-errors";

/**
 * Staff-list CSV: parsing and row validation without a database. The service
 * looks up units and existing e-mail addresses and hands them in as `TCsvLookups`.
 *
 * Decision: a row whose e-mail address already has an account is an error, not an
 * update. The import onboards people; changing roles or units of existing accounts
 * from a file would bypass the per-person review (and the effective-dated unit
 * switch with its audit entry) of the account administration.
 */

export const CSV_COLUMNS = ["email", "name", "unit_code", "roles", "job_title"] as const;
type TColumn = (typeof CSV_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly TColumn[] = ["email", "name", "unit_code"];

/** Header spellings seen in German exports, normalised (lower case, "_" for blanks and hyphens). */
const COLUMN_ALIASES: Record<string, TColumn> = {
  email: "email",
  e_mail: "email",
  mail: "email",
  name: "name",
  unit_code: "unit_code",
  unit: "unit_code",
  einheit: "unit_code",
  roles: "roles",
  rollen: "roles",
  job_title: "job_title",
  funktion: "job_title",
};

/** Role names accepted in the file: the enum values plus the German (and English) labels. */
const ROLE_ALIASES: Record<string, TRole> = {
  staff: "STAFF",
  mitarbeitende: "STAFF",
  mitarbeiter: "STAFF",
  mitarbeiterin: "STAFF",
  editor: "EDITOR",
  redaktion: "EDITOR",
  leadership: "LEADERSHIP",
  leitung: "LEADERSHIP",
  admin: "ADMIN",
  administration: "ADMIN",
  administrator: "ADMIN",
};

export type TCsvRawRow = {
  /** Line in the file where the record ends (1 = header). */
  line: number;
  email: string;
  name: string;
  unitCode: string;
  roles: string;
  jobTitle: string;
};

export type TCsvField = "email" | "name" | "unitCode" | "roles" | "jobTitle";
export type TCsvIssue = { field: TCsvField; key: MessageKey; params: TParams };

export type TCsvRowResult = {
  line: number;
  email: string;
  name: string;
  unitCode: string;
  /** Set when the unit code resolves to an existing, not dissolved unit. */
  unitId: string | null;
  roles: TRole[];
  jobTitle: string | null;
  status: "new" | "error";
  errors: TCsvIssue[];
};

export type TCsvLookups = {
  /** By upper-case code. */
  units: ReadonlyMap<string, { id: string; dissolved: boolean }>;
  /** Lower-case e-mail addresses that already have an account. */
  existingEmails: ReadonlySet<string>;
};

const DELIMITERS = [";", ",", "\t"] as const;

/** Picks the delimiter that occurs most often (outside quotes) in the header line; ";" on a tie. */
export function detectDelimiter(text: string): (typeof DELIMITERS)[number] {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of stripBom(text)) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best: (typeof DELIMITERS)[number] = ";";
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function normaliseHeader(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/**
 * Reads the file into raw rows. File-level problems (too large, too many rows,
 * unreadable, missing columns, no data) throw a BAD_INPUT AppError: nothing of
 * such a file can be imported.
 */
export function parseStaffCsv(text: string): TCsvRawRow[] {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > CSV_IMPORT_MAX_BYTES) throw csvError("csv.error.tooLarge", { max: formatMiB(CSV_IMPORT_MAX_BYTES) });

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(stripBom(text), {
      delimiter: detectDelimiter(text),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = typeof (error as { lines?: unknown }).lines === "number" ? (error as { lines: number }).lines : 1;
    throw csvError("csv.error.malformed", { line });
  }

  const [header, ...data] = records;
  if (!header) throw csvError("csv.error.empty");
  const index = new Map<TColumn, number>();
  header.record.forEach((raw, position) => {
    const column = COLUMN_ALIASES[normaliseHeader(raw)];
    if (!column) return;
    if (index.has(column)) throw csvError("csv.error.duplicateColumn", { column });
    index.set(column, position);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) throw csvError("csv.error.missingColumns", { columns: missing.join(", ") });
  if (data.length === 0) throw csvError("csv.error.empty");
  if (data.length > CSV_IMPORT_MAX_ROWS) {
    throw csvError("csv.error.tooManyRows", { count: data.length, max: CSV_IMPORT_MAX_ROWS });
  }

  const cell = (record: string[], column: TColumn) => {
    const position = index.get(column);
    return position === undefined ? "" : (record[position] ?? "").trim();
  };
  return data.map(({ record, info }) => ({
    line: info.lines,
    email: cell(record, "email"),
    name: cell(record, "name"),
    unitCode: cell(record, "unit_code"),
    roles: cell(record, "roles"),
    jobTitle: cell(record, "job_title"),
  }));
}

/** "STAFF|Redaktion", "staff, editor" -> roles in registry order; unknown names are reported. */
export function parseRoles(value: string): { roles: TRole[]; unknown: string[] } {
  const names = value
    .split(/[,|]/)
    .map((part) => part.trim())
    .filter(Boolean);
  if (names.length === 0) return { roles: ["STAFF"], unknown: [] };
  const found = new Set<TRole>();
  const unknown: string[] = [];
  for (const name of names) {
    const role = ROLE_ALIASES[name.toLowerCase()];
    if (role) found.add(role);
    else unknown.push(name);
  }
  return { roles: ROLES.filter((r) => found.has(r)), unknown };
}

/**
 * Checks every row against the same rules as the account form, plus the
 * file-wide ones (duplicate e-mail within the file, existing accounts, unit codes).
 */
export function validateStaffRows(rows: readonly TCsvRawRow[], lookups: TCsvLookups): TCsvRowResult[] {
  const firstLineOf = new Map<string, number>();
  return rows.map((row) => {
    const errors: TCsvIssue[] = [];
    const issue = (field: TCsvField, key: MessageKey, params: TParams = {}) => errors.push({ field, key, params });

    const email = ZEmail.safeParse(row.email);
    const normalisedEmail = email.success ? email.data : row.email.trim().toLowerCase();
    if (!row.email.trim()) {
      issue("email", "validation.required");
    } else if (!email.success) {
      const first = issueToMessage(email.error.issues[0]!);
      issue("email", first.key, first.params);
    } else if (firstLineOf.has(normalisedEmail)) {
      issue("email", "csv.error.duplicateInFile", { line: firstLineOf.get(normalisedEmail)! });
    } else if (lookups.existingEmails.has(normalisedEmail)) {
      issue("email", "csv.error.emailExists");
    }
    if (email.success && !firstLineOf.has(normalisedEmail)) firstLineOf.set(normalisedEmail, row.line);

    const name = ZPersonName.safeParse(row.name);
    if (!name.success) {
      const first = issueToMessage(name.error.issues[0]!);
      issue("name", first.key, first.params);
    }

    const unitCode = row.unitCode.trim().toUpperCase();
    const unit = unitCode ? lookups.units.get(unitCode) : undefined;
    if (!unitCode) issue("unitCode", "validation.required");
    else if (!unit) issue("unitCode", "csv.error.unknownUnit", { code: unitCode });
    else if (unit.dissolved) issue("unitCode", "csv.error.unitDissolved", { code: unitCode });

    const { roles, unknown } = parseRoles(row.roles);
    for (const role of unknown) issue("roles", "csv.error.unknownRole", { role });

    const jobTitle = row.jobTitle.trim();
    if (jobTitle.length > 120) issue("jobTitle", "validation.tooLong", { max: 120 });

    return {
      line: row.line,
      email: normalisedEmail,
      name: name.success ? name.data : row.name.trim(),
      unitCode,
      unitId: unit && !unit.dissolved ? unit.id : null,
      roles,
      jobTitle: jobTitle || null,
      status: errors.length === 0 ? "new" : "error",
      errors,
    };
  });
}

function csvError(key: MessageKey, params: TParams = {}): AppError {
  return new AppError("BAD_INPUT", key, params);
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString("de-DE", { maximumFractionDigits: 1 })} MiB`;
}
