import { useEffect, useId, useRef } from "react";
import type { TRole } from "@kreisnetz/shared/permissions";
import { useT } from "../lib/i18n.ts";

/** The role registry's order; kept here so the browser bundle needs no server module. */
export const ROLE_CHOICES: readonly TRole[] = ["STAFF", "EDITOR", "LEADERSHIP", "ADMIN"];

/** Role checkboxes in a fieldset whose legend names the group; the error is tied to the group. */
export function RoleFieldset({ selected, error }: { selected: readonly TRole[]; error?: string | undefined }) {
  const t = useT();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <fieldset
      className="roles-fieldset"
      aria-describedby={[hintId, error ? errorId : ""].filter(Boolean).join(" ")}
      aria-invalid={error ? true : undefined}
    >
      <legend>{t("adminUsers.rolesLegend")}</legend>
      <p className="hint" id={hintId}>
        {t("adminUsers.rolesHint")}
      </p>
      {ROLE_CHOICES.map((role) => (
        <div className="users-check" key={role}>
          <input
            type="checkbox"
            id={`${id}-${role}`}
            name="roles"
            value={role}
            defaultChecked={selected.includes(role)}
          />
          <label htmlFor={`${id}-${role}`}>{t(`role.${role}`)}</label>
        </div>
      ))}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/**
 * The one-time initial password, focused when it appears so keyboard and
 * screen-reader users land on it, with the note to hand it over securely.
 */
export function InitialPasswordBox({ email, password }: { email: string; password: string }) {
  const t = useT();
  const ref = useRef<HTMLElement>(null);
  const id = useId();
  useEffect(() => {
    ref.current?.focus();
  }, [password]);
  return (
    <section className="initial-password" aria-labelledby={id} tabIndex={-1} ref={ref}>
      <h2 id={id}>{t("adminUsers.initialPasswordTitle")}</h2>
      <p>
        {t("adminUsers.initialPasswordFor", { email })}:{" "}
        <code className="password-value" data-testid="initial-password">
          {password}
        </code>
      </p>
      <p>{t("adminUsers.initialPasswordNote")}</p>
    </section>
  );
}
