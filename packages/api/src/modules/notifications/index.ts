/** What other features and the platform use: notify() inside a transaction, the outbox handler, the reminder job, SMTP. */
export { notify, type TNotifyInput } from "./notify.ts";
export { createNotifier, runReminders, startReminderJob, NOTIFIER_VERBS, type TNotifierDeps } from "./notifier.ts";
export { deliverPendingMail, sendDigests } from "./mail.ts";
export { createSmtpMailer, type TMail, type TMailer } from "./mailer.ts";
