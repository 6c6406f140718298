import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  error?: string;
  hint?: string;
};

/** A labelled input whose error and hint are tied to it for screen readers. */
export function Field({ label, name, error, hint, id, ...input }: FieldProps) {
  const generated = useId();
  const inputId = id ?? `${name}-${generated}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        {...input}
      />
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  error?: string;
  children: ReactNode;
};

export function SelectField({ label, name, error, id, children, ...select }: SelectFieldProps) {
  const generated = useId();
  const selectId = id ?? `${name}-${generated}`;
  const errorId = error ? `${selectId}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={selectId}>{label}</label>
      <select id={selectId} name={name} aria-invalid={error ? true : undefined} aria-describedby={errorId} {...select}>
        {children}
      </select>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * A fieldset of checkboxes sharing one name (many values), with its legend and error.
 * `checked` ticks options initially; without it every option starts unticked.
 */
export function CheckGroup({
  legend,
  name,
  options,
  checked,
  error,
  className = "check-group",
}: {
  legend: string;
  name: string;
  options: { value: string; label: ReactNode }[];
  checked?: (value: string) => boolean;
  error?: string | undefined;
  className?: string;
}) {
  const groupId = useId();
  const errorId = error ? `${groupId}-error` : undefined;
  return (
    <fieldset className={className} aria-describedby={errorId}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <div className="check" key={option.value}>
          <input
            type="checkbox"
            id={`${groupId}-${option.value}`}
            name={name}
            value={option.value}
            defaultChecked={checked?.(option.value) ?? false}
          />
          <label htmlFor={`${groupId}-${option.value}`}>{option.label}</label>
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

/** Form-level message: errors are announced at once (role=alert), successes politely. */
export function FormMessage({ error, success }: { error?: string | undefined; success?: string | undefined }) {
  if (error) {
    return (
      <div className="notice notice-error" role="alert">
        {error}
      </div>
    );
  }
  if (success) {
    return (
      <div className="notice notice-success" role="status">
        {success}
      </div>
    );
  }
  return null;
}

/** Pulls message and field errors out of an action result of forms.server.ts. */
export function errorsOf(result: unknown): { message?: string; fields: Record<string, string> } {
  if (result && typeof result === "object" && "ok" in result && result.ok === false) {
    const r = result as unknown as { message: string; fieldErrors: Record<string, string> };
    return { message: r.message, fields: r.fieldErrors };
  }
  return { fields: {} };
}
