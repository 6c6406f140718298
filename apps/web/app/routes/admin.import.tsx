import {
  MaxPartSizeExceededError,
  data,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { formatNumber } from "@kreisnetz/shared/format";
import { translate } from "@kreisnetz/shared/i18n";
import type { TRole } from "@kreisnetz/shared/permissions";
import { CSV_IMPORT_MAX_BYTES, CSV_IMPORT_MAX_ROWS } from "@kreisnetz/shared/schemas/users";
import { FormMessage, errorsOf } from "../components/form.tsx";
import { adminUsersTitle } from "../lib/admin-users.ts";
import { formString, runAction } from "../lib/forms.server.ts";
import { useT } from "../lib/i18n.ts";
import { requirePermission } from "../lib/session.server.ts";
import stylesHref from "../styles/admin-users.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction = ({ matches }) => adminUsersTitle(matches, "csv.title");

const MAX_SIZE_LABEL = `${CSV_IMPORT_MAX_BYTES / (1024 * 1024)} MiB`;
const EXAMPLE = [
  "email;name;unit_code;roles;job_title",
  "anna.schulz@lkspn.de;Anna Schulz;ADV;STAFF;Sachbearbeiterin",
  'jan.nowak@lkspn.de;"Nowak, Jan";PRESSE;Mitarbeitende|Redaktion;Pressesprecher',
].join("\n");

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "import:users");
  // Limits travel with the data so the browser bundle does not pull in the zod schemas.
  return { maxBytes: MAX_SIZE_LABEL, maxRows: CSV_IMPORT_MAX_ROWS, example: EXAMPLE };
}

/**
 * Excel's "CSV (Trennzeichen-getrennt)" writes Windows-1252, "CSV UTF-8" writes
 * UTF-8 with a BOM: try strict UTF-8 first and fall back.
 */
async function fileText(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

function failure(message: string, status: number) {
  return data({ ok: false as const, message, fieldErrors: { csv: message } }, { status });
}

export async function action({ request, context }: ActionFunctionArgs) {
  requirePermission(request, context, "import:users");
  const { caller, locale } = context;
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: CSV_IMPORT_MAX_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return failure(translate(locale, "csv.error.tooLarge", { max: MAX_SIZE_LABEL }), 413);
    }
    throw error;
  }

  const intent = formString(form, "intent");
  if (intent === "preview") {
    const file = form.get("file");
    const fromFile = file instanceof File && file.size > 0 ? await fileText(file) : "";
    const csv = fromFile || formString(form, "csv") || "";
    if (!csv.trim()) return failure(translate(locale, "csv.error.noInput"), 400);
    return runAction(locale, async () => ({
      intent: "preview" as const,
      csv,
      preview: await caller.users.importPreview({ csv }),
    }));
  }
  if (intent === "commit") {
    const csv = formString(form, "csv") ?? "";
    return runAction(locale, async () => ({
      intent: "commit" as const,
      result: await caller.users.importCommit({ csv }),
    }));
  }
  throw new Response("Bad Request", { status: 400 });
}

type TPreview = {
  rows: {
    line: number;
    email: string;
    name: string;
    unitCode: string;
    roles: TRole[];
    jobTitle: string | null;
    status: "new" | "error";
    errors: { field: string; key: string; message: string }[];
  }[];
  total: number;
  valid: number;
  invalid: number;
};
type TCommit = {
  count: number;
  created: { line: number; id: string; email: string; name: string; initialPassword: string }[];
};
type TResult =
  | { ok: true; result: { intent: "preview"; csv: string; preview: TPreview } | { intent: "commit"; result: TCommit } }
  | { ok: false; message: string; fieldErrors: Record<string, string> };

export default function AdminImport() {
  const { maxBytes, maxRows, example } = useLoaderData<typeof loader>();
  const raw = useActionData<typeof action>() as TResult | undefined;
  const t = useT();
  const errors = errorsOf(raw);
  const busy = useNavigation().state === "submitting";
  const outcome = raw?.ok ? raw.result : undefined;
  const preview = outcome?.intent === "preview" ? outcome : undefined;
  const committed = outcome?.intent === "commit" ? outcome.result : undefined;
  const resultRef = useRef<HTMLElement>(null);
  useEffect(() => {
    resultRef.current?.focus();
  }, [outcome]);
  const fileError = errors.fields.csv ?? errors.message;

  return (
    <div className="page admin-users">
      <p>
        <Link to="/admin/users">{t("adminUsers.backToList")}</Link>
      </p>
      <h1>{t("csv.title")}</h1>
      <p className="lead">{t("csv.intro")}</p>

      {committed ? (
        <section className="card" aria-labelledby="result-heading" tabIndex={-1} ref={resultRef}>
          <h2 id="result-heading">{t("csv.resultTitle")}</h2>
          <FormMessage success={t("csv.committed", { count: formatNumber(committed.count) })} />
          <p className="initial-password">{t("csv.resultNote")}</p>
          <div className="table-wrap" role="region" aria-labelledby="result-caption" tabIndex={0}>
            <table>
              <caption id="result-caption">{t("csv.resultCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("common.name")}</th>
                  <th scope="col">{t("adminUsers.initialPasswordTitle")}</th>
                  <th scope="col">{t("common.email")}</th>
                  <th scope="col">{t("csv.line")}</th>
                </tr>
              </thead>
              <tbody>
                {committed.created.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/admin/users/${c.id}`}>{c.name}</Link>
                    </th>
                    <td>
                      <code className="password-value">{c.initialPassword}</code>
                    </td>
                    <td className="email">{c.email}</td>
                    <td>{c.line}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : (
        <section className="card" aria-labelledby="upload-heading">
          <h2 id="upload-heading">{t("csv.formatTitle")}</h2>
          <p>{t("csv.formatText")}</p>
          <p>{t("csv.formatRoles")}</p>
          <p id="example-label" className="muted">
            {t("csv.exampleLabel")}:
          </p>
          <pre className="example" aria-labelledby="example-label" tabIndex={0}>
            {example}
          </pre>
          <FormMessage error={errors.message} />
          <Form method="post" encType="multipart/form-data" className="stack" noValidate>
            <input type="hidden" name="intent" value="preview" />
            <div className="field">
              <label htmlFor="csv-file">{t("csv.file")}</label>
              <p className="hint" id="csv-file-hint">
                {t("csv.fileHint", { maxBytes, maxRows: formatNumber(maxRows) })}
              </p>
              <input
                id="csv-file"
                type="file"
                name="file"
                accept=".csv,text/csv"
                aria-invalid={fileError ? true : undefined}
                aria-describedby={fileError ? "csv-file-hint csv-error" : "csv-file-hint"}
              />
              {fileError && (
                <p className="field-error" id="csv-error">
                  {fileError}
                </p>
              )}
            </div>
            <div className="field">
              <label htmlFor="csv-text">{t("csv.text")}</label>
              <p className="hint" id="csv-text-hint">
                {t("csv.textHint")}
              </p>
              <textarea id="csv-text" name="csv" rows={6} spellCheck={false} aria-describedby="csv-text-hint" />
            </div>
            <button type="submit" className="button primary" disabled={busy}>
              {t("csv.previewSubmit")}
            </button>
          </Form>
        </section>
      )}

      {preview && (
        <section className="card" aria-labelledby="preview-heading" tabIndex={-1} ref={resultRef}>
          <h2 id="preview-heading">{t("csv.previewTitle")}</h2>
          <p role="status">
            {t("csv.summary", {
              total: formatNumber(preview.preview.total),
              valid: formatNumber(preview.preview.valid),
              invalid: formatNumber(preview.preview.invalid),
            })}
          </p>
          <div className="table-wrap" role="region" aria-labelledby="preview-caption" tabIndex={0}>
            <table>
              <caption id="preview-caption">{t("csv.previewCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("csv.line")}</th>
                  <th scope="col">{t("common.status")}</th>
                  <th scope="col">{t("common.email")}</th>
                  <th scope="col">{t("common.name")}</th>
                  <th scope="col">{t("common.unit")}</th>
                  <th scope="col">{t("common.roles")}</th>
                  <th scope="col">{t("adminUsers.jobTitle")}</th>
                  <th scope="col">{t("csv.problems")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.preview.rows.map((row) => (
                  <tr key={row.line} className={row.status === "error" ? "row-error" : undefined}>
                    <th scope="row">{row.line}</th>
                    <td>
                      <span className={`status ${row.status === "error" ? "status-error" : "status-ok"}`}>
                        {row.status === "error" ? t("csv.statusError") : t("csv.statusNew")}
                      </span>
                    </td>
                    <td className="email">{row.email}</td>
                    <td>{row.name}</td>
                    <td>{row.unitCode}</td>
                    <td>{row.roles.map((r) => t(`role.${r}`)).join(", ")}</td>
                    <td>{row.jobTitle}</td>
                    <td>
                      {row.errors.length > 0 && (
                        <ul className="problems">
                          {row.errors.map((e) => (
                            <li key={`${e.field}-${e.key}-${e.message}`}>{e.message}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.preview.invalid > 0 ? (
            <p className="notice notice-error">{t("csv.fixErrors")}</p>
          ) : (
            <Form method="post" encType="multipart/form-data" className="stack">
              <input type="hidden" name="intent" value="commit" />
              <input type="hidden" name="csv" value={preview.csv} />
              <p>{t("csv.readyToCommit", { count: formatNumber(preview.preview.valid) })}</p>
              <button type="submit" className="button primary" disabled={busy}>
                {t("csv.commitSubmit")}
              </button>
            </Form>
          )}
        </section>
      )}
    </div>
  );
}
