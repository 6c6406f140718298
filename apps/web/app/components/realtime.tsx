import { NavLink, useRevalidator } from "@remix-run/react";
import type { TPersonPresence } from "@kreisnetz/shared/presence";
import type { TChangedPayload, TPageRef } from "@kreisnetz/shared/realtime";
import { useEffect, useRef } from "react";
import { useT } from "../lib/i18n.ts";
import {
  useEditingSignal,
  useLiveRevalidate,
  useNotificationSignals,
  usePagePresence,
  useRealtime,
} from "../lib/realtime.tsx";

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

/**
 * The soft lock: warns that someone else edits this page; nothing is blocked. The
 * polite live region is always there, so screen readers announce the warning when it appears.
 */
export function EditingWarning({ people, selfId }: { people: TPersonPresence[]; selfId: string | null }) {
  const t = useT();
  const editors = people.filter((p) => p.editing && p.userId !== selfId);
  return (
    <div aria-live="polite" data-testid="editing-live">
      {editors.length > 0 && (
        <p className="notice editing-warning" data-testid="editing-warning">
          {t("realtime.editingWarning", { names: editors.map((p) => p.name).join(", ") })}
        </p>
      )}
    </div>
  );
}

const NOTHING = () => false;

/**
 * Everything live on one page: who is here ("Wer ist hier"), the "bearbeitet
 * gerade" warning, this person's own editing signal (sent once the page is
 * entered), and revalidation of the page's loaders when a matching change arrives
 * (held back while this person edits, so a half-typed form is not disturbed).
 */
export function PagePresence({
  page,
  editing = false,
  live = NOTHING,
}: {
  page: TPageRef;
  editing?: boolean;
  live?: (change: TChangedPayload) => boolean;
}) {
  const { userId } = useRealtime();
  const { people, entered } = usePagePresence(page);
  useEditingSignal(editing && entered);
  useLiveRevalidate(live, editing);
  return (
    <>
      <PresenceAvatars people={people} selfId={userId} />
      <EditingWarning people={people} selfId={userId} />
    </>
  );
}

/**
 * The header's link to the inbox with the unread count from the root loader. A
 * notification signal (ids only, per person, after commit) revalidates the
 * loaders, so the count is refetched through tRPC; nothing is counted here.
 */
export function NotificationLink({ unread }: { unread: number }) {
  const t = useT();
  const signals = useNotificationSignals();
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  useEffect(() => {
    if (signals > 0) revalidate.current();
  }, [signals]);
  return (
    <NavLink to="/notifications" data-testid="notification-badge">
      {t("notifications.title")}
      <span aria-live="polite">
        {unread > 0 && (
          <span className="notification-badge" data-testid="notification-count">
            {unread > 99 ? "99+" : unread}
            <span className="visually-hidden"> {t("notifications.unread")}</span>
          </span>
        )}
      </span>
    </NavLink>
  );
}
