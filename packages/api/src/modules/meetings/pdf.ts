import { translator, type TLocale } from "@kreisnetz/shared/i18n";
import PDFDocument from "pdfkit";
import { registerPdfFonts } from "../../pdf/fonts.ts";
import type { TMeetingDto } from "./service.ts";

function berlin(date: Date, locale: TLocale): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "de-DE", {
    timeZone: "Europe/Berlin",
    dateStyle: "full",
    timeStyle: "short",
  }).format(date);
}

/**
 * The minutes as a tagged PDF (structure tree, document language, title shown):
 * screen readers get headings, paragraphs and lists. The embedded DejaVu fonts
 * cover German and Lower Sorbian names (ě, ł, ŕ, ś ...).
 */
export async function renderMinutesPdf(meeting: TMeetingDto, locale: TLocale): Promise<Buffer> {
  const t = translator(locale);
  const title = `${t("meetings.minutesOf")} ${meeting.title}`;
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    pdfVersion: "1.7",
    tagged: true,
    lang: locale === "en" ? "en-GB" : "de-DE",
    displayTitle: true,
    info: { Title: title, Author: meeting.createdBy.name, Subject: meeting.projectTitle },
  });
  registerPdfFonts(doc);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  const root = doc.struct("Document");
  doc.addStructure(root);
  const heading = (type: "H1" | "H2" | "H3", text: string, size: number) =>
    root.add(doc.struct(type, {}, () => doc.font("bold").fontSize(size).text(text).moveDown(0.3)));
  const paragraph = (text: string) =>
    root.add(doc.struct("P", {}, () => doc.font("body").fontSize(11).text(text).moveDown(0.4)));

  heading("H1", title, 18);
  paragraph(`${t("meetings.project")}: ${meeting.projectKey} – ${meeting.projectTitle}`);
  paragraph(`${t("meetings.startsAt")}: ${berlin(meeting.startsAt, locale)}`);
  if (meeting.location) paragraph(`${t("meetings.location")}: ${meeting.location}`);
  if (meeting.onlineUrl) paragraph(`${t("meetings.onlineUrl")}: ${meeting.onlineUrl}`);
  paragraph(
    meeting.status === "APPROVED" && meeting.approvedAt
      ? t("meetings.approvedBy", { name: meeting.approvedBy?.name ?? "", date: berlin(meeting.approvedAt, locale) })
      : t("meetings.status.DRAFT"),
  );

  heading("H2", t("meetings.attendance"), 14);
  const present = meeting.participants.filter((p) => p.attended === true).map((p) => p.name);
  const absent = meeting.participants.filter((p) => p.attended !== true && p.invited).map((p) => p.name);
  paragraph(`${t("meetings.present")}: ${present.join(", ") || "–"}`);
  paragraph(`${t("meetings.absent")}: ${absent.join(", ") || "–"}`);
  if (meeting.units.length > 0) paragraph(`${t("meetings.units")}: ${meeting.units.map((u) => u.name).join(", ")}`);

  heading("H2", t("meetings.agenda"), 14);
  meeting.agendaItems.forEach((item, index) => {
    heading("H3", `${index + 1}. ${item.title}`, 12);
    if (item.notes.trim()) paragraph(item.notes);
    if (item.decision) paragraph(`${t("meetings.decision")}: ${item.decision}`);
  });

  if (meeting.actionItems.length > 0) {
    heading("H2", t("meetings.actionItems"), 14);
    const list = doc.struct("L");
    root.add(list);
    for (const action of meeting.actionItems) {
      const parts = [
        action.title,
        action.owner ? `${t("meetings.owner")}: ${action.owner.name}` : null,
        action.dueDate ? `${t("tasks.dueDate")}: ${action.dueDate}` : null,
        action.task ? `${t("meetings.task")}: ${action.task.key}` : null,
      ].filter(Boolean);
      list.add(
        doc.struct("LI", {}, [
          doc.struct("LBody", {}, () =>
            doc
              .font("body")
              .fontSize(11)
              .text(`• ${parts.join(" · ")}`)
              .moveDown(0.2),
          ),
        ]),
      );
    }
    list.end();
  }
  root.end();
  doc.end();
  return done;
}
