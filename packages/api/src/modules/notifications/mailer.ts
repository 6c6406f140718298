import nodemailer from "nodemailer";

export type TMail = { to: string; subject: string; text: string };

/** Sends one e-mail; throws when the server refuses it (the caller retries later). */
export type TMailer = { send(mail: TMail): Promise<void>; close(): void };

/** SMTP through nodemailer; `url` is e.g. "smtp://user:pass@mail.kreis.local:587" or "smtps://…". */
export function createSmtpMailer(url: string, from: string): TMailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close() {
      transport.close();
    },
  };
}
