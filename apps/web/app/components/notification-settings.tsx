import { Form } from "@remix-run/react";
import { formatDateTime } from "@kreisnetz/shared/format";
import { NOTIFICATION_CHANNELS, type TNotificationChannel } from "@kreisnetz/shared/schemas/notifications";
import { useId } from "react";
import { useT } from "../lib/i18n.ts";

export type TNotificationSettings = {
  preferences: { kind: string; channel: TNotificationChannel }[];
  dailyDigest: boolean;
  calendar: { active: boolean; createdAt: Date | string | null };
};

/** Profile sections: notification channel per kind, the daily digest, and the iCal feed address. */
export function NotificationSettings({ settings, feedUrl }: { settings: TNotificationSettings; feedUrl?: string }) {
  const t = useT();
  const id = useId();
  return (
    <>
      <section className="card" aria-labelledby={`${id}-prefs`}>
        <h2 id={`${id}-prefs`}>{t("notifications.preferences")}</h2>
        <p className="hint">{t("notifications.preferencesHint")}</p>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="notification-preferences" />
          {settings.preferences.map((pref) => (
            <fieldset key={pref.kind} className="check-group">
              <legend>{t(`notifications.kindName.${pref.kind}` as never)}</legend>
              {NOTIFICATION_CHANNELS.map((channel) => (
                <div className="check" key={channel}>
                  <input
                    type="radio"
                    id={`${id}-${pref.kind}-${channel}`}
                    name={`pref.${pref.kind}`}
                    value={channel}
                    defaultChecked={pref.channel === channel}
                  />
                  <label htmlFor={`${id}-${pref.kind}-${channel}`}>{t(`notifications.channel.${channel}`)}</label>
                </div>
              ))}
            </fieldset>
          ))}
          <div className="check">
            <input
              type="checkbox"
              id={`${id}-digest`}
              name="dailyDigest"
              value="true"
              defaultChecked={settings.dailyDigest}
            />
            <label htmlFor={`${id}-digest`}>{t("notifications.dailyDigest")}</label>
          </div>
          <button type="submit" className="button">
            {t("notifications.savePreferences")}
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby={`${id}-calendar`}>
        <h2 id={`${id}-calendar`}>{t("calendar.title")}</h2>
        <p className="hint">{t("calendar.hint")}</p>
        {feedUrl ? (
          <div className="stack" role="region" aria-labelledby={`${id}-calendar-url`}>
            <h3 id={`${id}-calendar-url`}>{t("calendar.url")}</h3>
            <p className="calendar-url">
              <a href={feedUrl} data-testid="calendar-url">
                {feedUrl}
              </a>
            </p>
            <p>{t("calendar.urlOnce")}</p>
          </div>
        ) : (
          <p>
            {settings.calendar.active && settings.calendar.createdAt
              ? t("calendar.active", { date: formatDateTime(settings.calendar.createdAt) })
              : t("calendar.inactive")}
          </p>
        )}
        <div className="row-actions">
          <Form method="post">
            <input type="hidden" name="intent" value="calendar-regenerate" />
            <button type="submit" className="button">
              {settings.calendar.active ? t("calendar.regenerate") : t("calendar.create")}
            </button>
          </Form>
          {settings.calendar.active && (
            <Form method="post">
              <input type="hidden" name="intent" value="calendar-revoke" />
              <button type="submit" className="button danger">
                {t("calendar.revoke")}
              </button>
            </Form>
          )}
        </div>
      </section>
    </>
  );
}
