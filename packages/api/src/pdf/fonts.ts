import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * DejaVu Sans, embedded in every PDF Kreisnetz makes: it has German umlauts and ß and the
 * Lower Sorbian letters (č ć ě ł ń ŕ š ś ź ž) that the standard PDF fonts' WinAnsi encoding lacks.
 */
const FONTS = {
  body: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  bold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
} as const;

/** Registers the fonts "body" and "bold" on a pdfkit document (use them with `doc.font("body")`). */
export function registerPdfFonts(doc: PDFKit.PDFDocument): void {
  doc.registerFont("body", FONTS.body);
  doc.registerFont("bold", FONTS.bold);
}
