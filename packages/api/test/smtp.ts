import { getFreePort } from "@kreisnetz/embedded/ports";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { createSmtpMailer, type TMailer } from "../src/modules/notifications/mailer.ts";

export type TReceivedMail = { to: string[]; subject: string; text: string };

/** A local SMTP receiver on a free port, and a nodemailer mailer pointed at it. */
export async function startSmtpReceiver() {
  const received: TReceivedMail[] = [];
  let refuse = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      if (refuse) {
        stream.resume();
        stream.on("end", () => callback(new Error("mailbox unavailable")));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) =>
            a.value.map((v) => v.address ?? ""),
          );
          received.push({ to, subject: mail.subject ?? "", text: mail.text ?? "" });
          callback();
        })
        .catch(callback);
    },
  });
  const port = await getFreePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const mailer: TMailer = createSmtpMailer(`smtp://127.0.0.1:${port}`, "Kreisnetz <kreisnetz@test.local>");
  return {
    received,
    mailer,
    /** Makes the server refuse every message (to test retries). */
    setRefuse(value: boolean) {
      refuse = value;
    },
    async stop() {
      mailer.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
