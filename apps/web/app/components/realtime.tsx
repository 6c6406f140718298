import type { TPersonPresence } from "@kreisnetz/shared/presence";
import { useT } from "../lib/i18n.ts";
import { useNotificationSignals, useRealtime } from "../lib/realtime.tsx";

/** Always visible: a small "Live" mark when connected, a clear notice when not. */
export function ConnectionIndicator() {
  const { status } = useRealtime();
  const t = useT();
  if (status === "live") {
    return (
      <p className="live-status live" aria-live="polite" data-testid="live-status" data-status={status}>
        <span className="live-dot" aria-hidden="true" /> {t("realtime.live")}
      </p>
    );
  }
  if (status === "connecting") return <p className="live-status" aria-live="polite" data-status={status} />;
  return (
    <p className="live-status offline" aria-live="polite" data-testid="live-status" data-status={status}>
      <span className="live-dot" aria-hidden="true" />{" "}
      {t(status === "ended" ? "realtime.sessionEnded" : "realtime.offline")}
    </p>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? "")
    .join("");
}

/** Avatars of who is on the page; the current person is left out of the list. */
export function PresenceAvatars({ people, selfId }: { people: TPersonPresence[]; selfId: string | null }) {
  const t = useT();
  const others = people.filter((p) => p.userId !== selfId);
  return (
    <section className="presence" aria-labelledby="presence-heading" data-testid="presence">
      <h2 id="presence-heading" className="presence-heading">
        {t("realtime.onPage")}
      </h2>
      {others.length === 0 ? (
        <p className="muted">{t("realtime.onlyYou")}</p>
      ) : (
        <ul className="presence-list">
          {others.map((p) => (
            <li key={p.userId} className={`presence-person ${p.status}`} data-testid="presence-person">
              <span className="avatar" aria-hidden="true">
                {initials(p.name)}
              </span>
              <span className="presence-name">{p.name}</span>
              {p.status === "away" && <span className="presence-note"> ({t("realtime.away")})</span>}
              {p.editing && <span className="presence-note editing"> – {t("realtime.editing")}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The soft lock: warns that someone else edits this page; nothing is blocked. */
export function EditingWarning({ people, selfId }: { people: TPersonPresence[]; selfId: string | null }) {
  const t = useT();
  const editors = people.filter((p) => p.editing && p.userId !== selfId);
  if (editors.length === 0) return null;
  return (
    <p className="notice editing-warning" aria-live="polite">
      {t("realtime.editingWarning", { names: editors.map((p) => p.name).join(", ") })}
    </p>
  );
}

/**
 * Hook point for the notification badge in the header: shows a mark once a
 * notification signal arrived. The notifications feature replaces the count with
 * its unread number (refetched through tRPC on each signal).
 */
export function NotificationBadge() {
  const count = useNotificationSignals();
  const t = useT();
  if (count === 0) return null;
  return (
    <span className="notification-badge" aria-live="polite" data-testid="notification-badge">
      <span className="visually-hidden">{t("realtime.notifications")}: </span>
      {count}
    </span>
  );
}
