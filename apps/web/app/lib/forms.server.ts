import { data } from "@remix-run/node";
import { describeError, httpStatusOf } from "@kreisnetz/api/errors";
import { translate, type TLocale } from "@kreisnetz/shared/i18n";

export type TActionResult<T = unknown> =
  { ok: true; result: T; message?: string } | { ok: false; message: string; fieldErrors: Record<string, string> };

/**
 * Runs a form action's work and turns any error into a translated form error
 * with the right HTTP status. Nothing internal (stack, SQL) reaches the page.
 */
export async function runAction<T>(locale: TLocale, work: () => Promise<T>, message?: string) {
  try {
    const result = await work();
    return { ok: true as const, result, message };
  } catch (error) {
    if (error instanceof Response) throw error;
    const description = describeError(error);
    if (description.code === "INTERNAL") console.error(error);
    return data(
      {
        ok: false as const,
        message: translate(locale, description.messageKey, description.params),
        fieldErrors: Object.fromEntries(
          Object.entries(description.fieldErrors).map(([field, e]) => [field, translate(locale, e.key, e.params)]),
        ),
      },
      { status: httpStatusOf(description) },
    );
  }
}

export function formString(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

/** A JSON field (the rich-text editor's hidden input); unreadable text is passed on for zod to refuse. */
export function jsonField(form: FormData, name: string): unknown {
  const raw = formString(form, name);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/**
 * An untouched or cleared editor: no text node with text and no image. (Not the editor package's
 * `isRichTextEmpty`: importing its server renderer into the web server bundle pulls in a module
 * Node 20 does not have, `node:sqlite`, and the server fails to start.)
 */
export function isBlankRichText(json: unknown): boolean {
  if (json === undefined || json === null) return true;
  const text = JSON.stringify(json);
  return !/"text":"[^"]/.test(text) && !text.includes('"type":"image"');
}
