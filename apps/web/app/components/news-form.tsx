import { Form, Link } from "@remix-run/react";
import { RichTextEditor } from "@kreisnetz/editor/editor";
import { NEWS_AUDIENCES, NEWS_CATEGORIES, type TNewsKind } from "@kreisnetz/shared/schemas/news";
import { useState } from "react";
import { useT } from "../lib/i18n.ts";
import { Field, FormMessage, SelectField } from "./form.tsx";

export type TNewsFormValues = {
  kind: TNewsKind;
  title: string;
  teaser: string;
  body: unknown;
  titleDsb: string | null;
  teaserDsb: string | null;
  bodyDsb: unknown;
  category: string | null;
  coverImageId: string | null;
  audience: "ALL" | "UNITS";
  unitIds: string[];
  storySituation: string | null;
  storySolution: string | null;
  storyResult: string | null;
  storyUnitIds: string[];
  projectId: string | null;
  contactUnitId: string | null;
  teamOfMonth: boolean;
};

type TUnitOption = { id: string; label: string };

function TextArea({
  label,
  name,
  defaultValue,
  error,
}: {
  label: string;
  name: string;
  defaultValue: string;
  error?: string;
}) {
  const id = `news-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        defaultValue={defaultValue}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function UnitChecks({
  legend,
  name,
  units,
  selected,
  error,
}: {
  legend: string;
  name: string;
  units: TUnitOption[];
  selected: string[];
  error?: string;
}) {
  return (
    <fieldset aria-invalid={error ? true : undefined} className="unit-checks">
      <legend>{legend}</legend>
      {error && <p className="field-error">{error}</p>}
      <div className="unit-check-list">
        {units.map((u) => (
          <div className="check" key={u.id}>
            <input
              type="checkbox"
              id={`${name}-${u.id}`}
              name={name}
              value={u.id}
              defaultChecked={selected.includes(u.id)}
            />
            <label htmlFor={`${name}-${u.id}`}>{u.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** The post editor form (new and edit): German first, optional Lower Sorbian version, story fields. */
export function NewsForm({
  values,
  units,
  projects,
  errors,
  canAwardTeamOfMonth,
  intent,
  baseUpdatedAt,
}: {
  values: TNewsFormValues;
  units: TUnitOption[];
  projects: { id: string; label: string }[];
  errors: { message?: string; fields: Record<string, string> };
  canAwardTeamOfMonth: boolean;
  intent: "create" | "update";
  /** For an edit: when the post was last changed as loaded (ISO), so the server can spot a concurrent save. */
  baseUpdatedAt?: string;
}) {
  const t = useT();
  const [audience, setAudience] = useState(values.audience);
  const [kind, setKind] = useState(values.kind);
  return (
    <Form method="post" className="stack news-form">
      <input type="hidden" name="intent" value={intent} />
      {baseUpdatedAt && <input type="hidden" name="baseUpdatedAt" value={baseUpdatedAt} />}
      <FormMessage error={errors.message} />
      {intent === "create" ? (
        <SelectField
          label={t("news.field.kind")}
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as TNewsKind)}
        >
          <option value="NEWS">{t("news.kind.NEWS")}</option>
          <option value="STORY">{t("news.kind.STORY")}</option>
        </SelectField>
      ) : (
        <input type="hidden" name="kind" value={kind} />
      )}
      <Field
        label={t("news.field.title")}
        name="title"
        defaultValue={values.title}
        required
        error={errors.fields.title}
      />
      <TextArea
        label={t("news.field.teaser")}
        name="teaser"
        defaultValue={values.teaser}
        error={errors.fields.teaser}
      />
      <RichTextEditor
        name="body"
        label={t("news.field.body")}
        initialJson={values.body}
        required
        invalid={Boolean(errors.fields.body)}
      />
      {errors.fields.body && <p className="field-error">{errors.fields.body}</p>}
      <Field
        label={t("news.image.id")}
        name="coverImageId"
        defaultValue={values.coverImageId ?? ""}
        hint={t("news.image.hint")}
        error={errors.fields.coverImageId}
      />
      <p>
        <Link to="/news/images" target="_blank">
          {t("news.image.upload")}
        </Link>
      </p>
      <SelectField label={t("news.field.category")} name="category" defaultValue={values.category ?? ""}>
        <option value="">–</option>
        {NEWS_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {t(`news.category.${c}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("news.field.audience")}
        name="audience"
        value={audience}
        onChange={(e) => setAudience(e.target.value as "ALL" | "UNITS")}
      >
        {NEWS_AUDIENCES.map((a) => (
          <option key={a} value={a}>
            {t(`news.audience.${a}`)}
          </option>
        ))}
      </SelectField>
      {audience === "UNITS" && (
        <UnitChecks
          legend={t("news.field.units")}
          name="unitIds"
          units={units}
          selected={values.unitIds}
          error={errors.fields.unitIds}
        />
      )}
      {kind === "STORY" && (
        <fieldset className="story-fields">
          <legend>{t("news.kind.STORY")}</legend>
          <TextArea
            label={t("news.field.storySituation")}
            name="storySituation"
            defaultValue={values.storySituation ?? ""}
          />
          <TextArea
            label={t("news.field.storySolution")}
            name="storySolution"
            defaultValue={values.storySolution ?? ""}
          />
          <TextArea label={t("news.field.storyResult")} name="storyResult" defaultValue={values.storyResult ?? ""} />
          <UnitChecks
            legend={t("news.field.storyUnits")}
            name="storyUnitIds"
            units={units}
            selected={values.storyUnitIds}
            error={errors.fields.storyUnitIds}
          />
          <SelectField
            label={t("news.field.contactUnit")}
            name="contactUnitId"
            defaultValue={values.contactUnitId ?? ""}
          >
            <option value="">–</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.label}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("news.field.project")}
            name="projectId"
            defaultValue={values.projectId ?? ""}
            error={errors.fields.projectId}
          >
            <option value="">–</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </SelectField>
          {canAwardTeamOfMonth && (
            <div className="check">
              <input type="checkbox" id="news-teamOfMonth" name="teamOfMonth" defaultChecked={values.teamOfMonth} />
              <label htmlFor="news-teamOfMonth">{t("news.field.teamOfMonth")}</label>
            </div>
          )}
        </fieldset>
      )}
      <details className="dsb-version" open={Boolean(values.titleDsb)}>
        <summary>{t("news.field.titleDsb")}</summary>
        <p className="hint">{t("news.field.dsbHint")}</p>
        <Field
          label={t("news.field.titleDsb")}
          name="titleDsb"
          defaultValue={values.titleDsb ?? ""}
          lang="dsb"
          error={errors.fields.titleDsb}
        />
        <TextArea label={t("news.field.teaserDsb")} name="teaserDsb" defaultValue={values.teaserDsb ?? ""} />
        <RichTextEditor
          name="bodyDsb"
          label={t("news.field.bodyDsb")}
          initialJson={values.bodyDsb ?? undefined}
          invalid={Boolean(errors.fields.bodyDsb)}
        />
        {errors.fields.bodyDsb && <p className="field-error">{errors.fields.bodyDsb}</p>}
      </details>
      <div>
        <button type="submit" className="button primary">
          {t("news.save")}
        </button>
      </div>
    </Form>
  );
}
