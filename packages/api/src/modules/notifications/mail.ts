import type { Db } from "@kreisnetz/db/client";
import { isMessageKey, translate, type TLocale } from "@kreisnetz/shared/i18n";
import type { TMailer } from "./mailer.ts";
import * as repo from "./repo.ts";
import { MAIL_LEASE_MS, MAIL_MAX_AGE_MS, MAIL_MAX_TRIES } from "./rules.ts";

/** The inbox line for a notification, in the reader's language. */
export function notificationText(locale: TLocale, kind: string, params: Record<string, string | number>): string {
  const key = `notifications.kind.${kind}`;
  return isMessageKey(key) ? translate(locale, key, params) : kind;
}

function link(publicUrl: string | undefined, url: string): string {
  return `${(publicUrl ?? "http://localhost:3000").replace(/\/$/, "")}${url}`;
}

function single(row: repo.TMailRow, publicUrl: string | undefined) {
  const text = notificationText(row.locale, row.kind, row.params);
  return {
    to: row.email,
    subject: `Kreisnetz: ${text}`,
    text: [
      text,
      "",
      link(publicUrl, row.url),
      "",
      "-- ",
      translate(row.locale, "notifications.mail.footer", { url: link(publicUrl, "/profile") }),
    ].join("\n"),
  };
}

/**
 * Sends queued notification e-mails. Without a mailer (no SMTP_URL) nothing is
 * sent and the queue ages out. Failed sends are retried on the next run, up to
 * MAIL_MAX_TRIES; a send cut short by a crash is retried once its lease ends.
 * Returns how many went out.
 */
export async function deliverPendingMail(db: Db, mailer: TMailer | null | undefined, publicUrl?: string) {
  if (!mailer) return 0;
  let sent = 0;
  for (;;) {
    const batch = await repo.claimPendingMail(db, 50, MAIL_MAX_AGE_MS, MAIL_LEASE_MS);
    if (batch.length === 0) return sent;
    for (const row of batch) {
      if (!(await repo.stillReadable(db, row.id, row.userId))) {
        await repo.mailDropped(db, row.id);
        continue;
      }
      try {
        await mailer.send(single(row, publicUrl));
        await repo.mailSent(db, [row.id]);
        sent += 1;
      } catch {
        await repo.mailFailed(db, row.id, row.emailTries >= MAIL_MAX_TRIES);
      }
    }
    if (batch.length < 50) return sent;
  }
}

/** One e-mail per person a day with everything collected for the digest. */
export async function sendDigests(db: Db, mailer: TMailer | null | undefined, today: string, publicUrl?: string) {
  if (!mailer) return 0;
  let sent = 0;
  for (const person of await repo.digestDue(db, today)) {
    const rows = await db.$transaction((tx) => repo.claimDigest(tx, person.userId, today));
    if (!rows || rows.length === 0) continue;
    const lines = rows.map(
      (r) => `• ${notificationText(person.locale, r.kind, r.params)}\n  ${link(publicUrl, r.url)}`,
    );
    try {
      await mailer.send({
        to: person.email,
        subject: `Kreisnetz: ${translate(person.locale, "notifications.mail.digestSubject", { count: rows.length })}`,
        text: [
          ...lines,
          "",
          "-- ",
          translate(person.locale, "notifications.mail.footer", { url: link(publicUrl, "/profile") }),
        ].join("\n"),
      });
      await repo.mailSent(
        db,
        rows.map((r) => r.id),
      );
      sent += 1;
    } catch {
      // The rows are still DIGEST: they go out with tomorrow's digest rather than being lost.
    }
  }
  return sent;
}
