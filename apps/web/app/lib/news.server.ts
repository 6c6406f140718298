import { ZCreatePostInput, ZUpdatePostInput } from "@kreisnetz/shared/schemas/news";
import { fromBerlinLocal } from "./berlin-time.ts";
import { formString, isBlankRichText, jsonField as json } from "./forms.server.ts";

const ids = (form: FormData, name: string) =>
  form.getAll(name).filter((v): v is string => typeof v === "string" && v !== "");

/** The post form's fields, as the create/update procedures take them. */
function fields(form: FormData) {
  const bodyDsb = json(form, "bodyDsb");
  const dsbEmpty = isBlankRichText(bodyDsb);
  return {
    title: formString(form, "title"),
    teaser: formString(form, "teaser") ?? "",
    body: json(form, "body"),
    titleDsb: formString(form, "titleDsb") || null,
    teaserDsb: formString(form, "teaserDsb") || null,
    bodyDsb: dsbEmpty ? null : bodyDsb,
    category: formString(form, "category") || null,
    coverImageId: formString(form, "coverImageId") || null,
    audience: formString(form, "audience") || "ALL",
    unitIds: ids(form, "unitIds"),
    storySituation: formString(form, "storySituation") || null,
    storySolution: formString(form, "storySolution") || null,
    storyResult: formString(form, "storyResult") || null,
    storyUnitIds: ids(form, "storyUnitIds"),
    projectId: formString(form, "projectId") || null,
    contactUnitId: formString(form, "contactUnitId") || null,
    teamOfMonth: formString(form, "teamOfMonth") === "on",
  };
}

export function createInputFromForm(form: FormData) {
  return ZCreatePostInput.parse({ kind: formString(form, "kind") || "NEWS", ...fields(form) });
}

export function updateInputFromForm(form: FormData, id: string) {
  return ZUpdatePostInput.parse({ id, ...fields(form), baseUpdatedAt: formString(form, "baseUpdatedAt") || undefined });
}

/** A datetime-local field read as Europe/Berlin; the raw text when unreadable (zod then refuses it). */
export function berlinField(form: FormData, name: string): Date | string | null {
  const raw = formString(form, name);
  if (!raw) return null;
  return fromBerlinLocal(raw) ?? raw;
}
