import type { TProjectRole } from "@kreisnetz/shared/schemas/projects";
import { useT } from "../lib/i18n.ts";
import { CheckGroup, Field } from "./form.tsx";

type TMember = { userId: string; name: string; role: TProjectRole };

/** What a meeting already has when its header is edited (times as Berlin wall-clock "YYYY-MM-DDTHH:mm"). */
export type TMeetingDefaults = {
  title: string;
  startsAtLocal: string;
  endsAtLocal: string | null;
  location: string | null;
  onlineUrl: string | null;
  invitedIds: string[];
};

/**
 * The header of a meeting: title, time, place, online link and the invited project members.
 * The same fields create a meeting (everyone invited) and edit one (its values filled in).
 */
export function MeetingFields({
  members,
  errors,
  defaults,
}: {
  members: TMember[];
  errors: Record<string, string | undefined>;
  defaults?: TMeetingDefaults;
}) {
  const t = useT();
  const invited = defaults ? new Set(defaults.invitedIds) : null;
  return (
    <>
      <Field
        label={t("meetings.meetingTitle")}
        name="title"
        required
        defaultValue={defaults?.title}
        error={errors.title}
      />
      <Field
        label={t("meetings.startsAt")}
        name="startsAt"
        type="datetime-local"
        required
        hint={t("meetings.timeHint")}
        defaultValue={defaults?.startsAtLocal}
        error={errors.startsAt}
      />
      <Field
        label={t("meetings.endsAt")}
        name="endsAt"
        type="datetime-local"
        defaultValue={defaults?.endsAtLocal ?? undefined}
        error={errors.endsAt}
      />
      <Field
        label={t("meetings.location")}
        name="location"
        defaultValue={defaults?.location ?? undefined}
        error={errors.location}
      />
      <Field
        label={t("meetings.onlineUrl")}
        name="onlineUrl"
        type="url"
        placeholder="https://"
        defaultValue={defaults?.onlineUrl ?? undefined}
        error={errors.onlineUrl}
      />
      <CheckGroup
        legend={t("meetings.participants")}
        name="participantIds"
        options={members.map((m) => ({ value: m.userId, label: `${m.name} – ${t(`projects.role.${m.role}`)}` }))}
        checked={(id) => (invited ? invited.has(id) : true)}
        error={errors.participantIds}
      />
    </>
  );
}

/** The header fields of a submitted form, as the meeting procedures take them (empty optional fields are null). */
export function meetingFieldsOf(form: FormData) {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  return {
    title: text("title"),
    startsAt: text("startsAt"),
    endsAt: text("endsAt") || null,
    location: text("location") || null,
    onlineUrl: text("onlineUrl") || null,
    participantIds: form.getAll("participantIds").filter((v) => typeof v === "string"),
  };
}
